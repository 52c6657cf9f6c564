"""reelgraph: a knowledge graph of films, people and reviews."""
