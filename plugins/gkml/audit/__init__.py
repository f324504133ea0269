"""`gkml audit`: the government-website inspection checklist run on a built site and its catalogue."""
