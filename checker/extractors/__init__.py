"""Built-in extractors. Each module is a plugin registered through the ``report_check`` entry points."""
