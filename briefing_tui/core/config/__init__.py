"""The app's own files: themes, settings, the cache of checked files, bundled resources."""
