"""Command-line tools, not server code: store preflight, credentials filter, Telegram webhook."""
