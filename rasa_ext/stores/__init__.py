"""Rasa server plug-ins set in the endpoints files: the tracker store and the lock store."""
