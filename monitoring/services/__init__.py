"""What the app and the command line do with the store: import, annotate."""
