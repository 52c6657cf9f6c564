"""``serve --workers``: answers are not held back by Nagle's algorithm (graph/web/nodelay.py).

uvicorn binds the listening socket of its worker processes itself, with protocol number
0, and asyncio then leaves TCP_NODELAY off on the accepted connections. The test builds
that same kind of socket and serves it with uvicorn's real protocol classes.
"""

from __future__ import annotations

import asyncio
import socket

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from graph.web.nodelay import NoDelayH11Protocol


async def _app(scope: object, receive: object, send: object) -> None:  # never called
    raise AssertionError("no request is sent")


async def _nodelay_on_accepted_connection(protocol: type[H11Protocol]) -> int:
    """TCP_NODELAY of the server side of one connection accepted through ``protocol``."""
    config = uvicorn.Config(app=_app, lifespan="off", log_level="warning")
    config.load()
    state = ServerState()
    loop = asyncio.get_running_loop()
    seen: asyncio.Future[int] = loop.create_future()

    class Probe(protocol):  # type: ignore[valid-type,misc]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # protocol 0, as uvicorn's
    listener.bind(("127.0.0.1", 0))
    server = await loop.create_server(lambda: Probe(config, state, {}, loop), sock=listener)
    try:
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        value = await asyncio.wait_for(seen, timeout=10)
        writer.close()
        await writer.wait_closed()
        return value
    finally:
        server.close()
        await server.wait_closed()


def test_plain_uvicorn_protocol_leaves_nagle_on_for_such_a_socket() -> None:
    # The reason for NoDelayH11Protocol: if this ever fails, uvicorn fixed it itself.
    assert asyncio.run(_nodelay_on_accepted_connection(H11Protocol)) == 0


def test_nodelay_protocol_turns_nagle_off() -> None:
    assert asyncio.run(_nodelay_on_accepted_connection(NoDelayH11Protocol)) != 0
