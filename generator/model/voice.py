"""voice.yaml: personality, tone, style rules, examples, hashtags and media rules."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .common import AccountRef, Id, Markdown, ShortText, Strict, Text


class Trait(Strict):
    id: Id
    is_: ShortText = Field(alias="is", description="What the voice is.")
    not_: ShortText = Field(alias="not", description="What it must not tip over into.")
    explanation: Text = Field(description="What the trait means in practice.")


class Tone(Strict):
    id: Id
    situation: ShortText = Field(description="The situation, e.g. a complaint.")
    tone: Text = Field(description="How we sound in it.")
    example: Text = Field(description="An example post or reply.")
    avoid: Text | None = Field(default=None, description="What to avoid in this situation.")


StyleLimit = Annotated[int, Field(ge=0)] | Literal["none"] | None


class StyleRules(Strict):
    """House limits. Unset: the policy says nothing and nothing is checked; "none": the team
    states that there is no limit. No number is ever assumed for a team."""

    max_exclamation_marks: StyleLimit = Field(
        default=None, description='Most exclamation marks in one post ("none": no limit).')
    max_emoji: StyleLimit = Field(default=None, description='Most emoji in one post ("none": no limit).')
    max_hashtags: StyleLimit = Field(default=None, description='Most hashtags in one post ("none": no limit).')
    all_caps_words: StyleLimit = Field(
        default=None, description='How many ALL-CAPS words a post may have (0: none at all; "none": no limit).')
    sign_off: ShortText | None = Field(default=None, description="Sign-off pattern for replies, e.g. ^initials.")
    sign_off_accounts: list[AccountRef] = Field(
        default_factory=list, description="Accounts whose replies need the sign-off (account ids; empty: all).")
    notes: list[Text] = Field(description="Other style rules, one line each.", default_factory=list)

    def limit(self, key: str) -> int | None:
        """The number a post must keep, or None where the policy sets no limit (unset or "none")."""
        value = getattr(self, key)
        return value if isinstance(value, int) else None


class Disclosure(Strict):
    """A tag or line some posts must carry: set by words in the post, by the domains it links to,
    or both (at least one)."""

    id: Id
    when: list[ShortText] = Field(default_factory=list, description="Words that make a post need the tag.")
    domains: list[ShortText] = Field(
        default_factory=list, description="Link domains that make a post need it, e.g. amzn.to (a subdomain counts).")
    tag: ShortText = Field(description="The tag or text the post must carry, e.g. #ad or Paid partnership.")
    position: Literal["start", "end", "anywhere"] = Field(
        default="anywhere", description="Where it goes: start (before the first word), end (after the last "
                                        "word; tags, mentions and links may follow) or anywhere.")
    unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which a word is innocent, e.g. "gift box".')

    @model_validator(mode="after")
    def _set_by_something(self) -> Disclosure:
        if not self.when and not self.domains:
            raise ValueError("a disclosure needs 'when:' (words) or 'domains:' (linked domains), or both")
        return self


class Example(Strict):
    id: Id
    situation: ShortText = Field(description="The situation the example is about.")
    do: Text = Field(description="What we write.")
    dont: Text = Field(description="What we never write.")
    why: Text = Field(description="Why the first works and the second does not.")


class Hashtag(Strict):
    # Not \w{1,100}: pydantic compiles patterns in Rust, and that bounded Unicode repetition
    # alone took 10 MB of memory; the length bound says the same in a few bytes.
    tag: Annotated[str, StringConstraints(pattern=r"^#\w+$", max_length=101)] = Field(description="With the #.")
    campaign: ShortText = Field(description="The campaign the hashtag belongs to.")
    until: dt.date | None = Field(
        default=None, description="Last day of the campaign (YYYY-MM-DD): after it, where the account posts, the "
        "checker asks to revise a post that uses the tag.")


class MediaRules(Strict):
    alt_text_required: bool | None = Field(
        default=None, description="true: every image needs alt text (checked); false: not required; unset: "
        "the policy does not say.")
    no_images_from_messages: bool | None = Field(
        default=None, description="true: never post an image saved from an incoming message (checked); unset: "
        "the policy does not say.")
    approved_link_domains: list[ShortText] = Field(
        description="The only domains posts may link to.", default_factory=list
    )
    notes: list[Text] = Field(description="Other media rules, one line each.", default_factory=list)


class Voice(Strict):
    summary: Markdown | None = Field(default=None, description="Markdown. The voice in a paragraph.")
    traits: list[Trait] = Field(description="The voice as 'X but not Y' pairs.", default_factory=list)
    tones: list[Tone] = Field(description="Tone by situation.", default_factory=list)
    style: StyleRules = Field(description="Style rules a post is checked against.", default_factory=StyleRules)
    disclosures: list[Disclosure] = Field(description="Tags some posts must carry, e.g. #ad.", default_factory=list)
    personal_content: list[ShortText] = Field(default_factory=list, description="Words that mark personal content.")
    personal_content_unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which those words are innocent, e.g. "flat white".')
    examples: list[Example] = Field(description="Do and don't examples.", default_factory=list)
    hashtags: list[Hashtag] = Field(default_factory=list, description="Approved campaign hashtags.")
    media: MediaRules = Field(description="Rules for images, video and links.", default_factory=MediaRules)
