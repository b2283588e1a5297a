"""What each limit a post must keep is called, and where a limit can come from.

A leaf module (it imports nothing): answers.py combines limits from the validated model,
while the draft checker only needs these names, and a `playbook check` with a warm rules
cache must not pay for building the validation models to learn them.
"""

from __future__ import annotations

# (key, what is counted): platform limits first, then house style rules, in the order pages list them.
PLATFORM_LIMITS = (("max_chars", "characters"), ("max_hashtags", "hashtags"), ("max_mentions", "mentions"),
                   ("max_links", "links"), ("max_media", "images or videos"))
STYLE_LIMITS = (("max_hashtags", "hashtags"), ("max_emoji", "emoji"), ("max_exclamation_marks", "exclamation marks"),
                ("all_caps_words", "words in ALL CAPS"))
HOUSE_STYLE = "house style"
SINGULAR = {"characters": "character", "hashtags": "hashtag", "mentions": "mention", "links": "link",
            "images or videos": "image or video", "exclamation marks": "exclamation mark",
            "words in ALL CAPS": "word in ALL CAPS"}
