"""Readers for the data downloads platforms give their users, one module per format.

`container` presents a zip, tar.gz, folder or single file uniformly and safely; each reader
(`twitter`, `facebook`, `instagram`, `linkedin`, `mastodon`, `bluesky`, `reddit`, `tiktok`,
`generic`) detects its layout and normalises it into snapshots and a stream of posts;
`footprint.scan` runs the checks over them.
"""
