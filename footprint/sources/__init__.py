"""Platform adapters: each one reads what a logged-out stranger can see, and never judges it."""
