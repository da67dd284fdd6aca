"""The handlers of the `quotelens` sub-commands, one module per group of commands; the
argument parser and `main` stay in quotelens.cli (the entry point)."""
