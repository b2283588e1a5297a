"""triggers.yaml: situations that need escalating, and the signals that suggest them."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import (
    AccountRef,
    ActionRef,
    CategoryRef,
    EntityReview,
    HoldingRef,
    Id,
    PlatformRef,
    Ref,
    SeverityRef,
    ShortText,
    Strict,
    Text,
)

# A trigger's owner that is not a role, and how triage, the checker and the pages say it.
OWNER_TEXT = {"receiver": "whoever received it", "none": "nobody: it is noted, not followed up"}


OWNER_WORDS = tuple(OWNER_TEXT)


OwnerRef = Annotated[Id, Ref("role", connects=True, words=OWNER_WORDS)]


class Signal(str, Enum):
    legal_threat = "legal_threat"
    safety_risk = "safety_risk"
    media_enquiry = "media_enquiry"
    breaking_news = "breaking_news"
    high_reach_complaint = "high_reach_complaint"
    data_request = "data_request"
    security_incident = "security_incident"
    executive_news = "executive_news"
    political = "political"
    tragedy = "tragedy"
    hostile = "hostile"
    promotion = "promotion"


# How the triage wizard asks about each signal (fixed text, not from YAML).
SIGNAL_LABELS = {
    "legal_threat": "Someone threatens legal action", "safety_risk": "Someone's safety is at risk",
    "media_enquiry": "A journalist or the press is asking", "breaking_news": "It is breaking news",
    "high_reach_complaint": "A complaint from an account with a big audience",
    "data_request": "Someone asks for personal data", "security_incident": "An account or data may be compromised",
    "executive_news": "It concerns an executive", "political": "It is political",
    "tragedy": "People have been hurt or killed", "hostile": "Hostile or abusive messages",
    "promotion": "It is a promotion or sale",
}


class KeywordContext(Strict):
    """A keyword that counts only near one of its context words: `recall` with [product, batch]."""

    keyword: ShortText = Field(description="One of the trigger's keywords, as written there.")
    with_: list[ShortText] = Field(
        alias="with", min_length=1,
        description="Words or phrases one of which must stand near the keyword, as written (list plurals "
                    "too), e.g. [product, products, batch, safety]: without one, the keyword alone stays calm.")
    within: int = Field(default=5, ge=1, le=30, description="How many words before or after the keyword may "
                                                             "hold the context (default 5).")


class Trigger(Strict):
    id: Id
    name: ShortText = Field(description="The trigger's name.")
    category: CategoryRef = Field(description="The kind of topic, a category id from process.categories; "
                                              "approval rules use it.")
    description: Text = Field(description="What the trigger covers.")
    keywords: list[ShortText] = Field(default_factory=list, description="Words and phrases that suggest this trigger.")
    signals: list[Signal] = Field(description="Signals that suggest it, e.g. legal_threat.", default_factory=list)
    severity: SeverityRef = Field(description="A severity id.")
    actions: list[ActionRef] = Field(description="Actions that may be taken (action ids).", default_factory=list)
    holding_statement: HoldingRef | None = Field(default=None, description="The holding statement to use (an id).")
    owner: OwnerRef | None = Field(
        default=None, description="Who owns the situation and follows it up: a role id, `receiver` (whoever "
        "received it) or `none` (nobody: it is noted, not followed up). Shown by triage, the checker and "
        "the owner's role page.")
    platforms: list[PlatformRef] = Field(
        default_factory=list, description="Only on these platforms (platform ids): a draft for an account "
        "elsewhere does not fire it (empty: every platform).")
    accounts: list[AccountRef] = Field(
        default_factory=list, description="Only on these accounts (account ids), besides those on `platforms` "
        "(empty with no platforms: every account).")
    verify_first: bool = Field(default=False, description="Verify the whole story before reacting.")
    question: ShortText | None = Field(default=None, description="How the triage wizard asks about it.")
    unless: list[ShortText] = Field(
        default_factory=list, description='Phrases in which a keyword is innocent, e.g. "shoot us a message".')
    case_sensitive: list[ShortText] = Field(
        default_factory=list, description="Keywords matched only with the capitals as written (e.g. ICE, not ice).")
    endings: list[ShortText] = Field(
        default_factory=list, description="Keywords whose word endings count too (recall: recalls, recalled, "
                                          "recalling); any other keyword matches only as written.")
    context: list[KeywordContext] = Field(
        default_factory=list, description="Keywords that count only with context nearby, e.g. "
                                          "{keyword: recall, with: [product, batch, safety]}.")
    review: EntityReview = None

    def promotes(self) -> bool:
        """Whether a draft it matches promotes something (the `promotion` signal or the built-in
        `commercial` category): crisis mode, a sensitive day, the news and a tragedy's name hold
        such a post. One place, because team triggers and the packs' patterns both ask."""
        return Signal.promotion in self.signals or self.category == "commercial"

    def keyword_labels(self, brief: bool = False) -> list[str]:
        """The keywords as pages list them: one that needs context says so, "recall (near
        product, products, batch, batches or 23 more)", so a reader knows recall alone is calm.
        `brief` says only "recall (in context)": the triage tree lists every trigger in one
        table and must stay printable; the severity page gives the words in full."""
        contexts = {c.keyword.casefold(): c for c in self.context}
        labels = []
        for keyword in self.keywords:
            context = contexts.get(keyword.casefold())
            if context is None:
                labels.append(keyword)
                continue
            if brief:
                labels.append(f"{keyword} (in context)")
                continue
            shown, rest = context.with_[:4], len(context.with_) - 4
            near = ", ".join(shown[:-1]) + (f", {shown[-1]} or {rest} more" if rest > 0 else
                                             f" or {shown[-1]}" if len(shown) > 1 else shown[0])
            labels.append(f"{keyword} (near {near})")
        return labels
