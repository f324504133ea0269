"""One module per `gkml` subcommand."""
