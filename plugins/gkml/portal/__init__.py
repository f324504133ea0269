"""The provincial portal: many agencies' published sites joined into one catalogue and one search.

Pipeline (`gkml portal`): config -> sources (read and verify each agency's
gkml-site.json) -> catalogue (rows of every agency, listings) -> pages,
open data and the federated search manifest -> output (written only where
changed, per-agency bundles copied only when that agency republished).
"""
