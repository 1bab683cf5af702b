"""The county server's HTTP endpoints, one router per concern: enrollment (``enroll``),
sync (``sync``), attachments (``blobs``); bodies read within bounds (``bodies``) after
authentication (``deps``). ``sync.server.app.create_app`` puts them together."""
