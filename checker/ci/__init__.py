"""Glue for CI systems (the GitHub Action's logic); the checking itself is the ordinary CLI."""
