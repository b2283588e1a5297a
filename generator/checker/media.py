"""What an attachment is, read from the file or from a writer's declaration: kind (image or
video), width and height in pixels, length in seconds, size in bytes, captions.

`playbook check --media FILE` reads a file on disk: images with Pillow, videos with hachoir
(pure Python, reads MP4, MOV, MKV, WebM and AVI headers; no system library). Captions are
known when a caption file sits beside the video (same name, .srt or .vtt) or the writer
says so (`;captions=yes`); burnt-in captions cannot be read from a file. Where a file is not
at hand, `--media-info "video 1080x1920 45s captions"` declares the same facts.

Both packages are imported only when a file is read, so a check without media starts as
fast as before. The checker page reads the same facts in the browser (checker.js: an
`Image` for dimensions, a `<video>` element's metadata for dimensions and length).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

CAPTION_SUFFIXES = (".srt", ".vtt")
FACT_KEYS = ("kind", "width", "height", "seconds", "bytes", "captions")
_SIZE = re.compile(r"^(\d{1,5})x(\d{1,5})$")
_SECONDS = re.compile(r"^(?:(\d{1,4})m)?(?:(\d{1,5}(?:\.\d+)?)s)?$")
_BYTES = re.compile(r"^(\d{1,7}(?:\.\d+)?)(kb|mb|gb)$")
_UNITS = {"kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000}
INFO_HELP = 'write e.g. "video 1080x1920 45s captions" or "image 1080x1350 2.5MB"'


def blank_facts() -> dict[str, Any]:
    return dict.fromkeys(FACT_KEYS)


def read_file(path: Path) -> dict[str, Any]:
    """The facts of the file at `path`; ValueError when it is neither an image nor a video
    these readers know (the message says to declare it with --media-info)."""
    facts = blank_facts() | {"bytes": path.stat().st_size}
    image = _image_size(path)
    if image:
        return facts | {"kind": "image", "width": image[0], "height": image[1]}
    found = _header_facts(path)
    if found is None:
        raise ValueError(f"{path.name}: not an image or a video this tool can read; declare it with "
                         f"--media-info ({INFO_HELP})")
    if found["kind"] == "video":
        found["captions"] = True if any(path.with_suffix(s).is_file() for s in CAPTION_SUFFIXES) else None
    return facts | found


def _image_size(path: Path) -> tuple[int, int] | None:
    """Pillow reads only the header here: nothing is decoded. Its decompression-bomb guard
    (which refuses to open a huge image) protects decoding, so it is lifted for this one read:
    a 30000x30000 image is measured, and then flagged by the specs."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except Image.DecompressionBombError:
        limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            with Image.open(path) as image:
                return image.size
        finally:
            Image.MAX_IMAGE_PIXELS = limit
    except (UnidentifiedImageError, OSError):
        return None


def _header_facts(path: Path) -> dict[str, Any] | None:
    """A video's (or an image's) kind, width, height and length from its header, by hachoir."""
    from hachoir.core import config
    from hachoir.metadata import extractMetadata
    from hachoir.parser import createParser

    config.quiet = True  # hachoir prints warnings about unusual boxes; the finding is ours to say
    parser = createParser(str(path))
    if parser is None:
        return None
    with parser:
        try:
            metadata = extractMetadata(parser)
        except Exception:  # hachoir raises its own errors on a damaged file: treat it as unreadable
            return None
    mime = str(metadata.get("mime_type", "")) if metadata is not None and metadata.has("mime_type") else ""
    kind = mime.split("/")[0]
    if kind not in ("image", "video"):
        return None
    found: dict[str, Any] = {"kind": kind}
    for key in ("width", "height"):
        if metadata.has(key):
            found[key] = int(metadata.get(key))
    if metadata.has("duration"):
        found["seconds"] = metadata.get("duration").total_seconds()
    return found


def parse_info(text: str) -> dict[str, Any]:
    """`video 1080x1920 45s captions` -> facts; ValueError names the word it could not read.
    Words: image or video, WIDTHxHEIGHT, a length (45s, 1m30s), a size (2.5MB, 800KB),
    captions or no-captions."""
    facts = blank_facts()
    for word in text.lower().split():
        if word in ("image", "video"):
            facts["kind"] = word
        elif word in ("captions", "subtitles", "no-captions", "no-subtitles"):
            facts["captions"] = not word.startswith("no-")
        elif size := _SIZE.match(word):
            facts["width"], facts["height"] = int(size.group(1)), int(size.group(2))
        elif (length := _SECONDS.match(word)) and any(length.groups()):
            facts["seconds"] = int(length.group(1) or 0) * 60 + float(length.group(2) or 0)
        elif amount := _BYTES.match(word):
            facts["bytes"] = round(float(amount.group(1)) * _UNITS[amount.group(2)])
        else:
            raise ValueError(f"'{word}' in --media-info: {INFO_HELP}")
    if facts["kind"] is None:
        facts["kind"] = "video" if facts["seconds"] is not None else "image"
    return facts


def yes_no(value: str, key: str) -> bool:
    if value.strip().lower() in ("yes", "true", "1"):
        return True
    if value.strip().lower() in ("no", "false", "0"):
        return False
    raise ValueError(f"'{key}={value}' in --media: expected {key}=yes or {key}=no")


def attachment(item: dict[str, Any], folder: Path) -> dict[str, Any]:
    """An attachment as the engines take it: its file, alt and source, with its facts from
    `info` when declared, else from the file when it exists in `folder`; `captions` said by the
    writer wins over what was read. ValueError for an unreadable declaration or file."""
    found = {key: item.get(key) for key in ("file", "alt", "source")}
    if item.get("info"):
        facts = parse_info(str(item["info"]))
    elif item.get("file") and (folder / str(item["file"])).is_file():
        facts = read_file(folder / str(item["file"]))
    else:
        facts = blank_facts()
    if item.get("captions") is not None:
        facts["captions"] = yes_no(str(item["captions"]), "captions")
    return found | facts


def declared(text: str, number: int) -> dict[str, Any]:
    """An attachment given only by `--media-info TEXT`: named after its place on the command line."""
    return attachment({"file": f"media-info {number}", "info": text}, Path("."))
