"""Pages saved from an old CMS → catalogue documents (`gkml import`); see ARCHITECTURE.md for the stages."""
