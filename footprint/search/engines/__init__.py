"""The built-in search engines: ddgs (default, no key), SearXNG (your own instance) and the Brave Search API."""
