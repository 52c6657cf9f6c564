"""The web app of `reelgraph serve` (see graph.web.app)."""
