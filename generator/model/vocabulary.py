"""vocabulary.yaml: preferred, banned and risky words, as written and as the policy holds them."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .common import ShortText, Strict, Text


class TermKind(str, Enum):
    preferred = "preferred"
    banned = "banned"
    profanity = "profanity"
    caution = "caution"


class Term(Strict):
    term: ShortText = Field(description="The word or phrase.")
    kind: TermKind = Field(description="preferred, banned, profanity or caution.")
    reason: Text = Field(description="Why: shown to whoever uses the term.")
    use_instead: ShortText | None = Field(default=None, description="For banned or caution terms.")
    replaces: list[ShortText] = Field(default_factory=list, description="For preferred terms: what it replaces.")
    unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which the term is innocent, e.g. "shoot us a message".')
    case_sensitive: bool = Field(
        default=False, description="Match only when written with the same capitals (e.g. AIDS, not aids).")
    endings: bool | None = Field(
        default=None, description="Whether word endings count too (cheap: cheaper, cheapest). Default: "
                                  "yes for profanity (a swear word's endings swear too), no for the rest.")


class TermEntry(Term):
    """A vocabulary entry as written: one word (`term`), or several words (`terms`) that share
    the kind, the reason and the rest, the way a policy lists them ("never write X, Y or Z:
    ..."). Loading turns an entry into one Term per word, so every page and the checker see
    words, and each is located at its entry."""

    term: ShortText | None = Field(  # type: ignore[assignment]
        default=None, description="The word or phrase (or list several in 'terms').")
    terms: list[ShortText] = Field(
        default_factory=list, description="Several words or phrases that share this entry's kind, reason and the "
        "rest (instead of 'term').")

    @model_validator(mode="after")
    def _one_way(self) -> TermEntry:
        if (self.term is None) == (not self.terms):
            raise ValueError("a vocabulary entry needs either 'term' (one word) or 'terms' (a list), not both")
        return self

    def words(self) -> list[Term]:
        """One Term per word, each with the entry's shared fields."""
        shared = self.model_dump(exclude={"term", "terms"})
        return [Term(term=word, **shared) for word in ([self.term] if self.term is not None else self.terms)]
