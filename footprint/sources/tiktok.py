"""TikTok: login-walled, but its public oEmbed endpoint can confirm that a profile exists.

The videos and captions still cannot be read from outside, so the account stays NOT_CHECKABLE;
the reason says whether TikTok confirmed the account.
"""

from __future__ import annotations

from footprint.http import parse_json
from footprint.plugins.sources import as_text, base_url, error_body
from footprint.sources.walled import WalledSource


class TikTokSource(WalledSource):
    """TikTok: checklist, plus an existence check through TikTok's public oEmbed."""

    platform = "tiktok"
    default_base_url = "https://www.tiktok.com"

    async def probe(self, name: str) -> str:
        api = base_url(self.options, self.default_base_url or "")
        response = await self.http.get(f"{api}/oembed", params={"url": f"https://www.tiktok.com/@{name}"})
        if response.is_success:
            data = parse_json(response)
            if isinstance(data, dict) and (as_text(data.get("author_url")) or as_text(data.get("author_unique_id"))):
                return f"TikTok's public oEmbed confirms that @{name} exists"
        if response.status_code in (400, 404) or str(error_body(response).get("code")) == "400":
            return f"TikTok's public oEmbed does not know @{name}: check the spelling, or the account may be gone"
        return f"TikTok's public oEmbed gave no clear answer about @{name} ({response.status_code})"
