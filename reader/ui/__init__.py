"""The Qt (PySide6) window. The only package that imports PySide6."""
