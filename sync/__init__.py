"""Offline-first sync between a laptop's store and the county server.

``sync.protocol`` is shared by both ends; the client (``sync.client``) and the county
server (``sync.server``) depend on it and on nothing of the desktop app.
"""
