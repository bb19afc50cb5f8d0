"""One module per subcommand; ``checker.cli`` only dispatches."""
