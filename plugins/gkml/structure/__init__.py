"""Domain objects of the catalogue: documents, the published catalogue, listings."""
