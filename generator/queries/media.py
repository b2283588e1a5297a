"""An account's media specs, decided once: its platform's, with the account's own on top
field by field, and the sentences every page, card and the checker say them in.

The engines (checker/engine.py and engine.js) receive the numbers from the rules document;
the pages receive the sentences from here, so the handbook and the checker agree.
"""

from __future__ import annotations

from typing import Any

from ..model import Account, ImageSpec, MediaSpec, Platform, Playbook, VideoSpec


def media_spec(playbook: Playbook, account: Account) -> MediaSpec | None:
    """The account's effective media specs (None when neither its platform nor it sets any)."""
    return merge_specs(playbook.platform(account.platform).media, account.media)


def merge_specs(base: MediaSpec | None, own: MediaSpec | None) -> MediaSpec | None:
    """`own`'s fields over `base`'s, one level deep (image and video field by field; notes added)."""
    if base is None or own is None:
        return own or base
    merged: dict[str, Any] = {"notes": [*base.notes, *own.notes]}
    for part in ("image", "video"):
        below, above = getattr(base, part), getattr(own, part)
        if below is None or above is None:
            merged[part] = above or below
        else:
            merged[part] = below.model_copy(update=above.model_dump(exclude_unset=True))
    return MediaSpec(**merged)


def ratio_value(ratio: str) -> float:
    """4:5 -> 0.8, width over height, as the engines compare a file's dimensions."""
    width, height = (float(part) for part in ratio.split(":"))
    return width / height


def size_pair(size: str) -> list[int]:
    width, height = size.split("x")
    return [int(width), int(height)]


def spec_document(spec: MediaSpec | None) -> dict[str, Any] | None:
    """The numbers the engines check, and the sentences they show beside the findings."""
    if spec is None:
        return None
    return {"image": spec.image and _part(spec.image), "video": spec.video and _part(spec.video),
            "lines": spec_lines(spec)}


def _part(part: ImageSpec | VideoSpec) -> dict[str, Any]:
    found: dict[str, Any] = {"ratios": [{"text": r, "value": ratio_value(r)} for r in part.ratios],
             "min_resolution": size_pair(part.min_resolution) if part.min_resolution else None,
             "max_bytes": round(part.max_megabytes * 1_000_000) if part.max_megabytes else None,
             "max_megabytes": part.max_megabytes}
    if isinstance(part, ImageSpec):
        found["sizes"] = [size_pair(s) for s in part.sizes]
    else:
        found.update(min_seconds=part.min_seconds, max_seconds=part.max_seconds,
                     captions_required=part.captions_required is True,
                     hook=hook_text(part))
    return found


def hook_text(video: VideoSpec) -> str | None:
    """The hook guideline in one sentence, or None when the policy states none."""
    if video.hook_seconds is None and video.hook is None:
        return None
    first = f"in the first {video.hook_seconds} seconds" if video.hook_seconds else None
    if video.hook and first:
        return f"Hook {first}: {video.hook}"
    return video.hook or f"Say what the video is about {first}."


def spec_lines(spec: MediaSpec) -> list[str]:
    """The specs as lines a writer reads: images, video, the hook guideline, notes."""
    lines = []
    if spec.image:
        lines.append("Images: " + _facts(spec.image))
    if spec.video:
        lines.append("Video: " + _facts(spec.video))
        if hook := hook_text(spec.video):
            lines.append(hook)
    return [*lines, *spec.notes]


def _facts(part: ImageSpec | VideoSpec) -> str:
    facts = []
    if isinstance(part, ImageSpec) and part.sizes:
        facts.append("recommended " + " or ".join(part.sizes))
    if part.ratios:
        facts.append("aspect ratio " + " or ".join(part.ratios))
    if part.min_resolution:
        facts.append(f"at least {part.min_resolution}")
    if isinstance(part, VideoSpec):
        if part.min_seconds is not None and part.max_seconds is not None:
            facts.append(f"{part.min_seconds:g}-{part.max_seconds:g} seconds")
        elif part.max_seconds is not None:
            facts.append(f"up to {part.max_seconds:g} seconds")
        elif part.min_seconds is not None:
            facts.append(f"at least {part.min_seconds:g} seconds")
        if part.captions_required:
            facts.append("captions or subtitles required")
    if part.max_megabytes:
        facts.append(f"files up to {part.max_megabytes:g} MB")
    return "; ".join(facts) + "." if facts else "no specs set."


def platform_lines(platform: Platform) -> list[str]:
    """A platform page's lines (the platform's own specs; accounts' overrides are shown with them)."""
    return spec_lines(platform.media) if platform.media else []
