"""The fast tar walk against tarfile: same members and data, or a fallback, or a clear error."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path
from typing import Any

import pytest

from loaders.reviews import inputs, tarwalk
from loaders.reviews.inputs import read_aclimdb

URL = b"http://www.imdb.com/title/tt0000011/\n"
MEMBERS = {
    "acl/train/pos/0_9.txt": b"Fine film.",
    "acl/train/pos/1_8.txt": b"x" * 512,  # exactly one block: no padding
    "acl/train/neg/0_1.txt": b"",
    "acl/train/neg/1_2.txt": "Überlang, aber gut.".encode(),
    "acl/train/neg/2_3.txt": b"y" * 3000,  # over the max_size used below
    "acl/train/urls_pos.txt": b"http://www.imdb.com/title/tt0000011/\nhttp://www.imdb.com/title/tt0000012/\n",
    "acl/train/urls_neg.txt": b"http://www.imdb.com/title/tt0000021/\n" * 3,
}


def write_archive(
    path: Path, members: dict[str, bytes], mode: str = "w:gz", **options: Any
) -> Path:
    """A tar archive at ``path`` holding ``members`` (name: data), their directories first."""
    with tarfile.open(path, mode, **options) as archive:
        for directory in sorted({name.rsplit("/", 1)[0] for name in members}):
            info = tarfile.TarInfo(directory)
            info.type = tarfile.DIRTYPE
            archive.addfile(info)
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _every(_name: str) -> bool:
    return True


def _both(path: Path, max_size: int = 2048) -> tuple[list[Any], list[Any]]:
    fast = list(tarwalk.files(path, _every, max_size))
    slow = list(inputs._tarfile_files(path, _every, max_size))
    return fast, slow


@pytest.mark.parametrize(
    ("mode", "options"),
    [
        ("w:gz", {"format": tarfile.USTAR_FORMAT}),
        ("w:gz", {"format": tarfile.GNU_FORMAT}),
        ("w", {"format": tarfile.PAX_FORMAT}),  # uncompressed
        ("w:gz", {"format": tarfile.PAX_FORMAT, "pax_headers": {"comment": "0123abcd"}}),
    ],
    ids=["ustar-gz", "gnu-gz", "pax-plain", "pax-global-comment"],
)
def test_walk_yields_what_tarfile_reads(tmp_path: Path, mode: str, options: Any) -> None:
    fast, slow = _both(write_archive(tmp_path / "a.tar", MEMBERS, mode, **options))
    assert fast == slow
    assert [name for name, _ in fast] == list(MEMBERS)
    assert dict(fast)["acl/train/neg/2_3.txt"] is None  # larger than max_size: not read
    assert dict(fast)["acl/train/pos/1_8.txt"] == b"x" * 512


def test_ustar_name_prefix_is_joined(tmp_path: Path) -> None:
    name = "d" * 90 + "/" + "e" * 60 + "/pos/7_9.txt"  # over 100 bytes: split into prefix+name
    fast, slow = _both(
        write_archive(tmp_path / "a.tgz", {name: b"ok"}, format=tarfile.USTAR_FORMAT)
    )
    assert fast == slow and fast[-1] == (name, b"ok")


@pytest.mark.parametrize(
    "options",
    [
        {"format": tarfile.GNU_FORMAT},  # a long name becomes a GNU 'L' member
        {"format": tarfile.PAX_FORMAT},  # ... or a pax 'x' header
        {"format": tarfile.PAX_FORMAT, "pax_headers": {"path": "elsewhere"}},
    ],
    ids=["gnu-long-name", "pax-long-name", "pax-global-path"],
)
def test_unsupported_features_make_the_walk_step_aside(tmp_path: Path, options: Any) -> None:
    long_dir = "acl/" + "z" * 120
    members = {f"{long_dir}/pos/0_9.txt": b"Fine film.", f"{long_dir}/urls_pos.txt": URL}
    path = write_archive(tmp_path / "a.tar.gz", members, **options)
    with pytest.raises(tarwalk.Unsupported):
        list(tarwalk.files(path, _every, 2048))
    reviews = list(read_aclimdb(path))  # read with tarfile instead
    assert [(r.text, r.film.imdb if r.film else None) for r in reviews] == [
        ("Fine film.", "tt0000011")
    ]


def test_bzip2_archive_is_read_by_tarfile(tmp_path: Path) -> None:
    members = {"acl/train/pos/0_9.txt": b"Fine film.", "acl/train/urls_pos.txt": URL}
    path = write_archive(tmp_path / "a.tar", members, "w:bz2")
    assert [r.film.imdb for r in read_aclimdb(path) if r.film] == ["tt0000011"]


def test_damaged_header_is_an_error_naming_the_archive(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "a.tar", MEMBERS, "w", format=tarfile.USTAR_FORMAT)
    data = bytearray(path.read_bytes())
    data[512 * 3 + 10] ^= 0x01  # a byte of the 4th header's name, checksum unchanged
    path.write_bytes(bytes(data))
    with pytest.raises(tarfile.ReadError, match="bad checksum"):
        list(tarwalk.files(path, _every, 2048))
    errors: list[Exception] = []
    assert list(read_aclimdb(path, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [
        f"{path}: cannot read the archive: bad checksum in a member header (damaged archive)"
    ]


def test_archive_cut_short_keeps_what_came_before(tmp_path: Path) -> None:
    members = {
        "acl/train/urls_pos.txt": URL * 2,
        "acl/train/pos/0_9.txt": b"Fine film.",
        "acl/train/pos/1_8.txt": b"z" * 5000,
    }
    whole = write_archive(tmp_path / "whole.tar", members, "w", format=tarfile.USTAR_FORMAT)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(gzip.compress(whole.read_bytes()[:-6000]))  # ends inside the last member
    errors: list[Exception] = []
    reviews = list(read_aclimdb(cut, on_error=errors.append))
    assert reviews == []  # the first pass (film ids) cannot finish: no review is guessed
    assert len(errors) == 1 and "cut short" in str(errors[0]) and str(cut) in str(errors[0])


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"", ["cannot read the archive: empty file"]), (bytes(1024), [])],
    ids=["no-bytes", "only-zero-blocks"],
)
def test_archive_without_members_is_left_to_tarfile(
    tmp_path: Path, content: bytes, said: list[str]
) -> None:
    path = tmp_path / "empty.tar"
    path.write_bytes(content)
    with pytest.raises(tarwalk.Unsupported):
        list(tarwalk.files(path, _every, 10))
    errors: list[Exception] = []
    assert list(read_aclimdb(path, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [f"{path}: {message}" for message in said]


def test_signed_checksum_and_old_style_directory_read_as_tarfile_reads_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.tar"
    with tarfile.open(path, "w", format=tarfile.USTAR_FORMAT) as archive:
        old_dir = tarfile.TarInfo("acl/old/")
        old_dir.type = tarfile.AREGTYPE  # a directory as pre-POSIX tars wrote one
        archive.addfile(old_dir)
        info = tarfile.TarInfo("acl/train/pos/0_9-é.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"Fine."))
    data = bytearray(path.read_bytes())
    header = data[512:1024]
    signed = 256 + sum(b - 256 if b >= 0x80 else b for b in header[:148] + header[156:])
    data[512 + 148 : 512 + 155] = b"%06o\0" % signed  # as old tars summed: signed bytes
    path.write_bytes(bytes(data))
    fast, slow = _both(path)
    assert fast == slow == [("acl/train/pos/0_9-é.txt", b"Fine.")]
