"""A self-check of the shipped risk lexicons, independent of the checker's engine.

    python benchmarks/lexicon_selfcheck.py            # every post, its hits, then the totals
    python benchmarks/lexicon_selfcheck.py --quiet    # the totals and the failures only

The lexicon packs (generator/packs/data/lex-*.yaml) were written blind to the engine, so this
script matches them the naive way a reader would expect: lower-case whole-word phrases,
the patterns as written, emoji as substrings, and `with:` words within `within` words of the
match. It runs two sets of short posts written for it: RISKY posts, each naming the category
that should catch it, and INNOCENT brand posts full of trap words ("shots of espresso", "to
die for", "killer deal", "cured ham", "French press", "toast à l'avocat") that must match
nothing. An entry that hits an innocent post is the entry to fix, not the post.

It also checks the rules a pack must keep: ids unique and prefixed with the pack id, a
source and a review date on every entry, lower-case phrases, no single-word phrase that is
a common everyday word (wordfreq zipf >= 4.5) without `with:` context, and every pattern
compiles in Python `regex` and in JavaScript with the `u` flag (node), without lookbehind,
possessive quantifiers or inline flags. Exit status 1 on any rule broken, any innocent post
hit or any risky post missed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
from ruamel.yaml import YAML

DATA = Path(__file__).resolve().parent.parent / "generator" / "packs" / "data"
CATEGORIES = {
    "violence",
    "weapons",
    "drugs",
    "drink-spiking",
    "death",
    "sexual",
    "slurs",
    "stereotypes",
    "self-harm",
    "politics",
    "health-claims",
    "engagement-bait",
    "press",
    "legal",
    "promotion",
}
# Not a risk: a promotion matters only on a sensitive day, in the news, in crisis mode or next
# to a tragedy. Innocent posts may be promotions; they must match no *risk* category.
NOT_RISK = {"promotion"}
SEVERITIES = {"high", "moderate", "low"}
EVERYDAY_ZIPF = 4.5
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
INNER_HYPHEN = regex.compile(r"(?<=\p{L})-(?=\p{L})")
FORBIDDEN_SYNTAX = regex.compile(r"\(\?<[=!]|[*+?}]\+|\(\?[a-z]+[):]")

# (language, text, expected category). Each names the one category that must catch it.
RISKY: list[tuple[str, str, str]] = [
    ("en", "@rivalbeans 🔫 you're next", "weapons"),
    ("en", "Monday mood: 🔫😡", "weapons"),
    ("en", "Last one to the cafe gets 🔪🩸", "violence"),
    ("en", "Our new blend is so strong 💣🏫", "weapons"),
    ("en", "Honestly I will kill you if you take the last croissant", "violence"),
    ("en", "Spike your friend's drink with our new cold brew shot, they'll never know", "drink-spiking"),
    ("en", "Party tip: a roofie and a latte, what could go wrong", "drink-spiking"),
    ("en", "Wake and bake with our cinnamon buns this weekend", "drugs"),
    ("en", "RIP to a legend who passed away today. Use code LEGEND for 20% off", "death"),
    ("en", "rip grandpa joe lol, the man loved our muffins", "death"),
    ("en", "Thoughts and prayers to everyone affected. Flash sale ends tonight, shop now", "death"),
    ("en", "New mugs so hot they should come with a sex tape", "sexual"),
    ("en", "Tell that tranny to get out of our cafe", "slurs"),
    ("en", "Lunch rush had the whole team acting like retards", "slurs"),
    ("en", "Kung flu season is here, stock up on soup", "stereotypes"),
    ("en", "If this order is late again I'm going to kill myself", "self-harm"),
    ("en", "We oppose the new minimum wage bill: it will kill small cafes", "politics"),
    ("en", "Vote yes on Prop 32 this November, your barista thanks you", "politics"),
    ("en", "Whatever your view on abortion, coffee brings us together", "politics"),
    ("en", "Our green tea boosts your immune system all winter", "health-claims"),
    ("en", "Daily coffee is linked to a longer life, so have another", "health-claims"),
    ("en", "Turmeric latte: the natural way that fights inflammation and prevents cancer", "health-claims"),
    ("en", "Detox your liver with our green juice cleanse", "health-claims"),
    ("en", "1 RT = 1 meal donated to families in need", "engagement-bait"),
    ("en", "For every like on this post we donate a coffee to a food bank", "engagement-bait"),
    ("en", "Type amen if you are praying for the victims", "engagement-bait"),
    ("en", "Hi, I'm a journalist at the Herald, writing a piece on cafe chains. Our deadline is 5pm", "press"),
    ("en", "Thanks for reaching out! We'll send a statement for your piece by noon", "press"),
    ("en", "Can you comment for our story? This is on the record", "press"),
    ("en", "This is a letter before action regarding the injury at your Leeds cafe", "legal"),
    ("en", "My solicitor will be in touch about the burn I got from your tea", "legal"),
    ("en", "I'm going to sue you for this, see you in court", "legal"),
    ("de", "Ich werde meinen Anwalt einschalten, das ist eine Frechheit", "legal"),
    ("de", "Bitte um eine Stellungnahme für einen Artikel, den ich gerade schreibe", "press"),
    ("de", "Unser Ingwer-Shot stärkt das Immunsystem und heilt Erkältungen", "health-claims"),
    ("de", "Wählt am Sonntag nicht die AfD, sagt euer Café", "politics"),
    ("fr", "Mon avocat vous contactera, je vais porter plainte", "legal"),
    ("fr", "Je suis journaliste au Monde, auriez-vous une réaction pour notre article ?", "press"),
    ("fr", "Notre tisane guérit le cancer et renforce le système immunitaire", "health-claims"),
    ("es", "Voy a hablar con mi abogado y os mando un burofax", "legal"),
    ("es", "Por cada like donamos una comida al banco de alimentos", "engagement-bait"),
    ("it", "Il mio avvocato vi manderà una diffida", "legal"),
    ("it", "Sono una giornalista, vorrei un commento per un articolo", "press"),
    ("nl", "Mijn advocaat stuurt u een ingebrekestelling", "legal"),
    ("nl", "Zwarte Piet is gewoon traditie, wij doen niet mee aan dat gezeur", "stereotypes"),
    # second batch, written after the packs and run once before any fix (see LEXICONS.md)
    ("en", "Who else wants to 🔫 the guy who invented Mondays", "weapons"),
    ("en", "New seasonal menu is 💣💥 — and our rival's HQ 💣", "weapons"),
    ("en", "Gonna shoot up the office tomorrow with free donuts lol", "violence"),
    ("en", "Slip a little something into her drink and watch the party start", "drink-spiking"),
    ("en", "That celebrity chef passed away this morning lol at least he can't burn toast anymore", "death"),
    ("en", "In loving memory of our founder: 30% off everything this weekend only", "death"),
    ("en", "Only 10 left! Rest in peace to our old prices, use code RIP for 15% off", "death"),
    ("en", "DM us your nudes for a free coffee 😉", "sexual"),
    ("en", "Customer keeps calling our barista a faggot, how do we respond?", "slurs"),
    ("en", "honestly just kys if you put pineapple on pizza", "self-harm"),
    ("en", "i can't do this anymore, i want to end my life", "self-harm"),
    ("en", "Register to vote and vote Labour on Thursday, from all of us at the cafe", "politics"),
    ("en", "We stand with the pro-choice movement", "politics"),
    ("en", "Our kombucha reduces the risk of heart disease", "health-claims"),
    ("en", "Clinically proven to boost energy and immunity", "health-claims"),
    ("en", "Green coffee that burns fat while you sleep", "health-claims"),
    ("en", "Every share helps us donate 1 meal to hurricane victims", "engagement-bait"),
    (
        "en",
        "Hello, I'm a reporter with the Daily Echo. Could you provide a comment on the food poisoning claims?",
        "press",
    ),
    (
        "en",
        "Hi, producer at BBC Radio here, working on a segment about plastic cups, are you able to talk on the record?",
        "press",
    ),
    ("en", "You'll be hearing from my lawyer about this", "legal"),
    ("en", "Consider this a formal cease and desist regarding your use of our logo", "legal"),
    ("en", "I've reported you to Trading Standards", "legal"),
    ("de", "Ich zeige euch an und gehe vor Gericht", "legal"),
    ("fr", "Ce thé détox élimine les toxines et renforce vos défenses immunitaires", "health-claims"),
    ("es", "Descanse en paz, gran artista. Hoy 20% de descuento en su honor", "death"),
    ("it", "Questo integratore previene l'influenza, clinicamente testato", "health-claims"),
    ("nl", "Voor elke like doneren we een maaltijd aan de voedselbank", "engagement-bait"),
    ("en", "🔪🩸🩸", "violence"),
    # third batch, likewise run once before any fix
    ("en", "honestly our competitors deserve to be shot lol", "violence"),
    ("en", "Pro tip: spike your girlfriend's drink with our espresso shot 😉", "drink-spiking"),
    ("en", "Throwback to the time we got so high we ate 40 brownies. Wake and bake, fam", "drugs"),
    ("en", "Legendary actor dead at 82. RIP 😂 guess he won't be needing that coffee", "death"),
    ("en", "Our matcha cures anxiety, seriously", "health-claims"),
    ("en", "Immune-boosting ginger shots are back", "health-claims"),
    ("en", "Research shows coffee lowers your risk of dementia, drink up", "health-claims"),
    ("en", "Retweet this and we'll donate $1 per retweet to the flood victims", "engagement-bait"),
    ("en", "Hi there, I'm writing a piece for the Guardian about cafe wages, do you have a comment?", "press"),
    ("en", "I will be taking legal action if I don't get a refund", "legal"),
    ("en", "That's defamatory, remove it or expect a letter from my solicitors", "legal"),
    ("en", "Gun control now. Enough is enough. #coffeeforchange", "politics"),
    ("de", "Die ist doch eine Kampflesbe, sagt der Kunde", "slurs"),
    ("de", "Ich schreibe für den Spiegel: Gibt es eine Stellungnahme zu den Vorwürfen?", "press"),
    ("de", "Jeder Like = 1 Mahlzeit für Obdachlose! Teilen!", "engagement-bait"),
    ("fr", "Je vais te tuer si tu prends le dernier croissant", "violence"),
    ("fr", "Pour chaque partage, nous reversons 1 euro aux victimes", "engagement-bait"),
    ("fr", "Vous recevrez une mise en demeure de notre avocat", "legal"),
    ("es", "Este té quema grasa y refuerza las defensas", "health-claims"),
    ("es", "Soy periodista de El País, ¿nos daría unas declaraciones?", "press"),
    ("es", "Qué asco de sudacas en la cola", "slurs"),
    ("it", "Vi faccio causa, il mio avvocato è già informato", "legal"),
    ("it", "Condividi per salvare questi cuccioli!", "engagement-bait"),
    ("nl", "Ik doe aangifte en stap naar de rechter", "legal"),
    ("nl", "Deze thee verhoogt je weerstand en voorkomt griep", "health-claims"),
    # fourth batch (fr, es, it, nl, de), likewise run once before any fix
    ("fr", "Notre complément alimentaire prévient la grippe, cliniquement prouvé", "health-claims"),
    ("fr", "Une réaction pour notre enquête ? Bouclage ce soir à 18h", "press"),
    ("fr", "Repose en paix l'artiste. -30% sur tout le rayon musique aujourd'hui", "death"),
    ("fr", "Gros pédé va", "slurs"),
    ("es", "Te voy a matar como no me devuelvas el dinero", "violence"),
    ("es", "Les voy a demandar, ya tengo abogado", "legal"),
    ("es", "Ese batido cura la ansiedad", "health-claims"),
    ("es", "Quiero morirme, nadie me escucha", "self-harm"),
    ("it", "Ti uccido se non mi rimborsi", "violence"),
    ("it", "Per ogni condivisione doniamo un pasto alla Caritas", "engagement-bait"),
    ("it", "Riposa in pace, grande Maestro. Oggi codice sconto MAESTRO20", "death"),
    ("nl", "Wilt u reageren op de beschuldigingen? Wij publiceren morgen", "press"),
    ("nl", "Ik vermoord je als mijn bestelling weer te laat is", "violence"),
    ("nl", "Onze smoothie geneest verkoudheid binnen een dag", "health-claims"),
    ("de", "Unser Tee entgiftet den Körper und stärkt die Abwehrkräfte", "health-claims"),
    # regression posts for the "our lawyers" + action patterns (written after the fix)
    ("en", "Our solicitors will be in touch about the review you posted", "legal"),
    ("it", "Il nostro avvocato vi contatterà domani", "legal"),
    ("nl", "Onze advocaat neemt contact met u op", "legal"),
]

# (language, text): promotions worded as brands word them, none with the example team's own
# keywords (sale, discount, voucher...); each must be matched by a promotion entry. Written
# with the promotion entries, before the first run (fifth batch).
PROMOTIONAL: list[tuple[str, str]] = [
    ("en", "30% off all beans this weekend"),
    ("en", "2 for 1 on pastries until noon"),
    ("en", "Use code WINTER10 at checkout"),
    ("en", "Flash sale! Everything must go"),
    ("en", "Buy one get one free on all iced drinks"),
    ("en", "Free delivery on orders over £20"),
    ("en", "Save £5 on your first subscription box"),
    ("en", "Was £12, now £8: our festive tin"),
    ("en", "3 for £10 on bags of ground coffee"),
    ("en", "Today only: half price cold brew"),
    ("en", "Enter to win a year of free coffee"),
    ("en", "Get a free cookie with every large latte"),
    ("en", "Our January sale starts now"),
    ("en", "Black Friday deals are live in the web shop"),
    ("en", "Last chance: 20% off ends tonight"),
    ("en", "Early bird tickets for the latte art night"),
    ("en", "$10 off your first order with code HELLO10"),
    ("de", "20 % Rabatt auf alle Bohnen, nur heute"),
    ("de", "Winterschlussverkauf: bis zu -40% im Shop"),
    ("de", "Mit dem Code WINTER10 sparst du beim Bestellen"),
    ("de", "2 für 1 auf alle Croissants"),
    ("de", "Versandkostenfrei ab 25 €"),
    ("de", "Gewinnspiel: Wir verlosen drei Kaffeemühlen"),
    ("de", "Statt 12 € jetzt nur 8 €: unsere Weihnachtsdose"),
    ("fr", "Soldes d'hiver : jusqu'à -50 % sur les moulins"),
    ("fr", "Livraison offerte dès 30 €"),
    ("fr", "Avec le code HIVER10, 10 % de réduction"),
    ("fr", "1 acheté = 1 offert sur les viennoiseries"),
    ("fr", "Le deuxième à moitié prix ce week-end"),
    ("fr", "Jeu concours : tentez de gagner un an de café"),
    ("es", "Rebajas de invierno: hasta -50% en cafeteras"),
    ("es", "2x1 en cafés con leche esta tarde"),
    ("es", "Envío gratis en pedidos de más de 30 €"),
    ("es", "20% de descuento con el código INVIERNO20"),
    ("es", "Solo hoy: precios especiales en toda la tienda"),
    ("es", "La segunda unidad al 50% en tazas"),
    ("it", "Saldi invernali: sconti fino al 50%"),
    ("it", "3x2 su tutte le capsule"),
    ("it", "Spedizione gratuita per ordini sopra i 30 €"),
    ("it", "Con il codice INVERNO10 hai il 10% di sconto"),
    ("it", "Solo oggi: cornetto in omaggio con ogni cappuccino"),
    ("nl", "20% korting op alle bonen"),
    ("nl", "1+1 gratis op alle koeken"),
    ("nl", "Gratis verzending vanaf € 25"),
    ("nl", "Met de code WINTER10 bespaar je 10%"),
    ("nl", "Alleen vandaag: tweede kop halve prijs"),
    ("nl", "Winactie! Maak kans op een jaar koffie"),
    # regression posts for multi-buy prices ("two lattes for $6"), written after the fix
    ("de", "Zwei Croissants für 5 € bis Mittag"),
    ("fr", "Deux cafés pour 4 € ce matin"),
    ("es", "Dos cafés con leche por 3 € hasta las 12"),
    ("it", "Due cornetti per 2 euro fino alle 11"),
    ("nl", "Twee koeken voor € 3 tot het middaguur"),
]

# (language, text): the everyday meanings of promotion words ("feel free", "big deal", "not
# for sale", "code of conduct", a recipe's "2 for 1 minute"); none may match anything.
NOT_PROMOTIONAL: list[tuple[str, str]] = [
    ("en", "Feel free to DM us with any questions"),
    ("en", "It's no big deal, we'll sort it out"),
    ("en", "Our café building is not for sale"),
    ("en", "We offer support to anyone affected"),
    ("en", "Read our code of conduct before you apply"),
    ("en", "Blend 2 for 1 minute, then pour"),
    ("en", "Bake at 180 for 20 minutes"),
    ("en", "Gluten-free and dairy-free options on the menu"),
    ("en", "Our sales team is hiring in Leeds"),
    ("en", "Save the date: our open day is 3 May"),
    ("en", "We save 20% of our water by reusing rinse water"),
    ("en", "Last chance to see the exhibition in our Soho cafe"),
    ("en", "Open today only until 3pm because of the parade"),
    ("en", "Our 100% off-grid roastery runs on solar"),
    ("en", "Free wifi for everyone who needs to work"),
    ("en", "Don't discount the power of a good breakfast"),
    ("en", "Code red: the kettle is broken again"),
    ("de", "Unser Angebot: Kaffee, Kuchen und ein Lächeln"),
    ("de", "Die Rabatte vor dem Café blühen wieder"),
    ("de", "Heute nur bis 15 Uhr geöffnet"),
    ("de", "Wasser gibt es bei uns immer gratis"),
    ("de", "Unsere Aktion für die Tafel läuft weiter"),
    ("fr", "Une réduction de balsamique sur la burrata"),
    ("fr", "La remise des prix a lieu ce soir"),
    ("fr", "Félicitations à la promo 2025 de l'école hôtelière"),
    ("fr", "Nous avons offert notre soutien aux bénévoles"),
    ("fr", "L'entrée est gratuite pour tout le monde"),
    ("fr", "Derniers jours de l'exposition photo au café"),
    ("es", "Oferta de empleo: buscamos baristas en Madrid"),
    ("es", "Gol en el tiempo de descuento, ¡qué partido!"),
    ("es", "El sorteo de la Champions es mañana"),
    ("es", "Una mesa de 2x1 m para el nuevo local"),
    ("es", "Últimos días de la exposición en nuestra cafetería"),
    ("it", "È scontato dirlo, ma il caffè è buono"),
    ("it", "Un concerto in omaggio a Lucio Dalla nel nostro bar"),
    ("it", "Offerta di lavoro: cerchiamo baristi a Milano"),
    ("it", "Ultimi giorni della mostra nella nostra caffetteria"),
    ("nl", "Geen korting op de zorgpremie dit jaar, helaas"),
    ("nl", "Gratis parkeren achter het café"),
    ("nl", "Onze actie voor de voedselbank loopt nog"),
    ("nl", "Laatste dagen van de expositie in ons café"),
    ("de", "Vor 2 Jahren für 5 Euro gekauft, heute noch im Einsatz"),
    ("it", "Abbiamo donato 3 sacchi a 2 euro l'uno alla mensa"),
]

# (language, text): ordinary brand posts full of trap words; none may match a risk category
# (a promotion among them may match a promotion entry: that is not a risk).
INNOCENT: list[tuple[str, str]] = [
    ("en", "Double shots of espresso for the morning crowd ☕"),
    ("en", "Our new hazelnut cake is to die for 😍"),
    ("en", "Killer deal: two flat whites for £5 until Friday"),
    ("en", "This mocha is the bomb 💣"),
    ("en", "Our baristas are killing it at the latte art championship"),
    ("en", "Cured ham and cheese toastie is back on the menu"),
    ("en", "Hot off the press: our winter menu has landed"),
    ("en", "Try the French press at home, grind coarse"),
    ("en", "Can you recall your first flat white?"),
    ("en", "Shout out to Sue, our Leeds manager, for 10 years with us"),
    ("en", "Rip open the advent calendar, 20% off all week"),
    ("en", "RIP my diet 😂 the brownies are back"),
    ("en", "I died 😂 this ad is too good"),
    ("en", "Dying to try the new caramel latte? Order now"),
    ("en", "Our spiked hot chocolate (with rum!) is 18+ only"),
    ("en", "Spike your hot chocolate with a splash of Baileys this Christmas"),
    ("en", "Shoot us a DM and we'll sort your order"),
    ("en", "Behind the scenes at our photo shoot for the spring range"),
    ("en", "Warm up: our hot chocolate protects against the cold"),
    ("en", "Treats for your dog at every cafe, just ask the team"),
    ("en", "Digital detox weekend: leave the phone, bring a book"),
    ("en", "We pay above the minimum wage and we're proud of it"),
    ("en", "Vote for your favourite flavour in our stories!"),
    ("en", "Good luck on your midterms, students get 10% off"),
    ("en", "Share this with a friend who needs a coffee"),
    ("en", "Giveaway! 1 share = 1 entry, winner picked Friday"),
    ("en", "Competition closes soon: the deadline is Friday at noon"),
    ("en", "Stay tuned for a story about the farmers who grow our beans"),
    ("en", "Leave a comment below, we read them all"),
    ("en", "Could you give me a quote for catering a wedding?"),
    ("en", "Love you all xxx see you tomorrow"),
    ("en", "Meet our new nudes lipstick range, available now"),
    ("en", "Faggots and peas with onion gravy, a Black Country classic"),
    ("en", "Chink of glasses, a warm fire, the perfect evening"),
    ("en", "Our decaf won't keep you up, it's a labour of love"),
    ("en", "Fresh 🔪 skills: learn to fillet like a pro with our chef"),
    ("en", "Run 5 kms, earn a free smoothie"),
    ("en", "Suicide wings are back at our sister bar, if you dare"),
    ("en", "Our new range is a real hit, shots fired at boring coffee"),
    ("en", "Our press office team is hiring, apply by Friday"),
    ("de", "Unser Avocado-Toast ist der Hammer, jetzt mit Rabatt"),
    ("de", "Die Grünen Bohnen kommen frisch aus Kolumbien"),
    ("de", "Wir suchen Verstärkung: jetzt bewerben, Anwalt für Kaffeegenuss gesucht (Scherz!)"),
    ("fr", "Toast à l'avocat et café crème, le combo parfait"),
    ("fr", "Notre jambon est séché 18 mois, un régal"),
    ("es", "La demanda de nuestro turrón es enorme este año"),
    ("es", "Podemos preparar tu pedido en diez minutos"),
    ("it", "Il marocchino è il caffè del giorno, provatelo"),
    ("it", "Finocchio e arance, l'insalata dell'inverno"),
    ("nl", "Advocaat met slagroom, het perfecte dessert"),
    ("nl", "Stikstof-koffie: onze nitro cold brew is terug"),
    # second batch, written after the packs and run once before any fix (see LEXICONS.md)
    ("en", "Shots, shots, shots! Espresso martinis are half price on Friday"),
    ("en", "This caramel slice is absolutely killer"),
    ("en", "Our new bath bombs smell like gingerbread"),
    ("en", "Sorry your order was late, we've refunded the delivery fee"),
    ("en", "We're proud to support Macmillan Cancer Support this month"),
    ("en", "Join the fight against hunger: we match every donation you make in store"),
    ("en", "Rest and recharge with our sleepy-time chamomile blend"),
    ("en", "Vote for your favourite new cake in our poll, results on Friday"),
    ("en", "Our team is heading to the Pride parade in Brighton this weekend"),
    ("en", "Protect yourself from the rain with our new umbrella, free with any large drink"),
    ("en", "Our beans are high in antioxidants and taste incredible"),
    ("en", "Hey Sue, you're going to love this new flavour"),
    ("en", "We took legal advice before renaming our blend, so it's all above board"),
    ("en", "Our founder's story is on the record in our new book"),
    ("en", "Press play on our autumn playlist"),
    ("en", "Our chef's knife skills 🔪 are unmatched"),
    ("en", "Ghost stories and hot cocoa, the perfect Halloween"),
    ("en", "That new flavour is the bomb.com 💣"),
    ("en", "Bloody good coffee, if we say so ourselves"),
    ("en", "Dead tired? Grab a double shot"),
    ("en", "Our immune to Monday blues playlist is live"),
    ("en", "We'll plant a tree for every order over £20 this month"),
    ("de", "Unser Kaffee ist der Hammer, probiert die neue Sorte"),
    ("fr", "Notre café est une tuerie, venez goûter"),
    ("es", "Este turrón está de muerte, pruébalo"),
    ("it", "Questo tiramisù è buono da morire"),
    ("nl", "Deze koffie is om dood te gaan zo lekker"),
    ("en", "Happy hour: 2-for-1 cocktails, drink responsibly"),
    # third batch, likewise run once before any fix
    ("en", "The espresso hit different today, absolute shot of joy"),
    ("en", "Our baristas are on fire this morning 🔥 killing every latte"),
    ("en", "New cold brew: the nitro kick you need"),
    ("en", "Join us for a coffee tasting. Legal note: 18+ for the rum pairing"),
    ("en", "We've been nominated! Vote for us in the Best Coffee Awards"),
    ("en", "Blood orange sorbet season 🍊 is here"),
    ("en", "The secret to a long life? Good friends and good coffee ☕"),
    ("en", "Our hot chocolate bombs are the perfect stocking filler"),
    ("en", "Throwing shade? Nope, just our new parasol collection"),
    ("en", "Huge thanks to the press team for covering our opening"),
    ("en", "Our founder is a former lawyer turned roaster"),
    ("en", "Fight the Monday blues with a free cookie"),
    ("en", "Dive into a stack of pancakes, it's National Pancake Day"),
    ("en", "We're hiring baristas! Must have the right to work in the UK"),
    ("de", "Heute gibt's Kuchen zum Niederknien, jetzt 20% Rabatt"),
    ("de", "Unser Bio-Tee schmeckt nach Sommer"),
    ("fr", "La grève est magnifique au coucher du soleil, venez prendre un café"),
    ("fr", "Nos croissants sont à tomber, livraison offerte ce week-end"),
    ("es", "Hoy rebajas en todos los cafés, ¡aprovecha!"),
    ("es", "Nuestro jamón curado es de bellota"),
    ("it", "Sciopero dei treni domani: apriamo alle 8 come sempre"),
    ("it", "Questo caffè è una bomba, provatelo"),
    ("nl", "Onze moorkoppen heten nu gewoon slagroomsoezen"),
    ("nl", "Win een jaar gratis koffie! Plaats een reactie voor 12 uur"),
    ("nl", "Koffiepers of filter? Laat het ons weten"),
    # fourth batch (fr, es, it, nl, de), likewise run once before any fix
    ("fr", "Nos cafés sont bombés de saveur, livraison offerte"),
    ("fr", "Le dernier croissant ? On se bat pour lui !"),
    ("fr", "Notre équipe juridique recrute un stagiaire"),
    ("es", "Nos encanta la demanda de café de especialidad en Madrid"),
    ("es", "Pide ya tu roscón, están de muerte"),
    ("es", "Nuestra tienda de Sumar, la calle, abre mañana"),
    ("it", "Il nostro avvocato preferito? Il caffè lungo"),
    ("it", "Offerta: due cornetti e un marocchino a 3 euro"),
    ("it", "Questo panettone ci ha fatto morire dal ridere"),
    ("nl", "Advocaatje bij de koffie? Vandaag 20% korting"),
    ("nl", "Onze stroopwafels zijn om te zoenen"),
    ("nl", "Win een jaar koffie: deel deze post en tag een vriend"),
    ("de", "Unser Espresso-Shot knallt richtig rein"),
    ("de", "Die Grünen Tees sind zurück, jetzt mit 10% Rabatt"),
    ("de", "Wir haben euch vermisst: 20% Rabatt auf alles"),
    # regression posts from the review of everyday uses (written after the fixes, so they measure nothing)
    ("en", "We'll shoot you an email with your tracking number"),
    ("en", "String them up around the tree for instant sparkle"),
    ("en", "Garlic shrooms on sourdough, only at our Leeds cafe"),
    ("en", "The tide is getting high and so are our hot chocolate sales"),
    ("en", "Spic and span: our cafes after the deep clean"),
    ("en", "Grab a white power bank with any large latte"),
    ("en", "Been killing myself at the gym, time for a flat white"),
    ("en", "Cutting myself a slice of the birthday cake"),
    ("en", "Small boats bobbing in the harbour at sunset"),
    ("en", "Our new cafe on the west bank of the river opens Monday"),
    ("de", "Rasenkanten abstechen und danach ein Eiskaffee"),
    ("fr", "On fait sauter le bouchon pour fêter nos 10 ans"),
]


@dataclass
class Entry:
    """One lexicon entry, compiled the way the naive matcher reads it."""

    pack: str
    id: str
    category: str
    language: str
    phrases: list[str]
    patterns: list[regex.Pattern[str]]
    emoji: list[str]
    with_words: set[str]
    within: int


@dataclass
class Report:
    """What the check found: broken rules, then the posts that went the wrong way."""

    problems: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def read_packs(report: Report) -> list[Entry]:
    """Read every lex-*.yaml pack and check its rules, collecting the entries."""
    yaml = YAML(typ="safe")
    entries: list[Entry] = []
    seen: set[str] = set()
    for path in sorted(DATA.glob("lex-*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"))
        head = doc.get("pack") or {}
        pack_id = head.get("id")
        if pack_id != path.stem:
            report.problems.append(f"{path.name}: pack id {pack_id!r} is not the file name")
        for key in ("name", "version", "countries", "languages", "reviewed", "licence"):
            if key not in head:
                report.problems.append(f"{path.name}: pack header has no {key}")
        for raw in doc.get("lexicons") or []:
            entries.append(check_entry(path.name, str(pack_id), raw, seen, report))
    return entries


def check_entry(name: str, pack_id: str, raw: dict[str, Any], seen: set[str], report: Report) -> Entry:
    """Check one entry against the pack rules and compile it."""
    eid = str(raw.get("id"))
    where = f"{name}: {eid}"
    if eid in seen:
        report.problems.append(f"{where}: duplicate id")
    seen.add(eid)
    if not eid.startswith(pack_id + "-"):
        report.problems.append(f"{where}: id is not prefixed with {pack_id}-")
    for key in ("category", "language", "severity", "description", "source", "review"):
        if not raw.get(key):
            report.problems.append(f"{where}: no {key}")
    if raw.get("category") not in CATEGORIES:
        report.problems.append(f"{where}: unknown category {raw.get('category')!r}")
    if raw.get("severity") not in SEVERITIES:
        report.problems.append(f"{where}: unknown severity {raw.get('severity')!r}")
    phrases = [str(p) for p in raw.get("phrases") or []]
    with_words = {str(w) for w in raw.get("with") or []}
    language = str(raw.get("language"))
    for phrase in phrases + sorted(with_words):
        if phrase != phrase.lower() and not phrase.startswith("#"):
            report.problems.append(f"{where}: {phrase!r} is not lower case")
    if not with_words:
        report.problems.extend(
            f"{where}: {p!r} is an everyday word (zipf >= {EVERYDAY_ZIPF})" for p in phrases if is_everyday(p, language)
        )
    patterns = []
    for source in raw.get("patterns") or []:
        if FORBIDDEN_SYNTAX.search(source):
            report.problems.append(f"{where}: pattern uses lookbehind, a possessive or an inline flag")
        try:
            patterns.append(regex.compile(source))
        except regex.error as error:
            report.problems.append(f"{where}: pattern does not compile in Python: {error}")
    if not (phrases or patterns or raw.get("emoji")):
        report.problems.append(f"{where}: no phrases, patterns or emoji")
    return Entry(
        name,
        eid,
        str(raw.get("category")),
        language,
        phrases,
        patterns,
        [str(e) for e in raw.get("emoji") or []],
        with_words,
        int(raw.get("within", 5)),
    )


def is_everyday(phrase: str, language: str) -> bool:
    """A single word at or above the everyday frequency: it needs `with:` context."""
    from wordfreq import zipf_frequency

    if " " in phrase or language == "und":
        return False
    return bool(zipf_frequency(phrase, language) >= EVERYDAY_ZIPF)


def check_javascript(report: Report) -> None:
    """Compile every pattern with node's `u` flag and run it on the example posts.

    The page's engine runs the same patterns in JavaScript, where `\\b` and `\\w` know only
    ASCII: a pattern that matches a post in Python but not in JavaScript (or the reverse)
    is reported, so a word boundary next to an accented letter cannot slip through.
    """
    node = shutil.which("node")
    if node is None:
        report.problems.append("node is not installed: patterns not checked in JavaScript")
        return
    yaml = YAML(typ="safe")
    sources = [
        (raw["id"], pattern)
        for path in sorted(DATA.glob("lex-*.yaml"))
        for raw in (yaml.load(path.read_text(encoding="utf-8")).get("lexicons") or [])
        for pattern in raw.get("patterns") or []
    ]
    posts = [text.lower() for _, text, _ in RISKY] + [text.lower() for _, text in [*INNOCENT, *PROMOTIONAL,
                                                                                  *NOT_PROMOTIONAL]]
    script = (
        "const d = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(d.sources.map((p) => {"
        " try { const r = new RegExp(p, 'u'); return d.posts.map((t) => r.test(t)); }"
        " catch (e) { return e.message; } })));"
    )
    payload = json.dumps({"sources": [source for _, source in sources], "posts": posts})
    result = subprocess.run([node, "-e", script], input=payload, capture_output=True, text=True, check=False)
    if result.returncode:
        report.problems.append(f"javascript: node failed: {result.stderr.strip()}")
        return
    for (entry_id, source), verdict in zip(sources, json.loads(result.stdout), strict=True):
        if isinstance(verdict, str):
            report.problems.append(f"{entry_id}: pattern does not compile in JavaScript: {verdict}")
            continue
        try:
            python = [bool(regex.search(source, post)) for post in posts]
        except regex.error:
            continue  # already reported by check_entry
        differ = [post for post, in_python, in_js in zip(posts, python, verdict, strict=True) if in_python != in_js]
        if differ:
            report.problems.append(f"{entry_id}: Python and JavaScript disagree on {differ[0]!r}")


def match(entry: Entry, text: str) -> list[str]:
    """The naive reading of an entry: what in `text` it matches, as short labels."""
    low = text.lower()
    spans: list[tuple[int, str]] = []
    for phrase in entry.phrases:
        spans += [
            (m.start(), phrase)
            for m in regex.finditer(r"(?<![\p{L}\p{N}])" + regex.escape(phrase) + r"(?![\p{L}\p{N}])", low)
        ]
    for pattern in entry.patterns:
        spans += [(m.start(), m.group(0)) for m in pattern.finditer(low)]
    for emoji in entry.emoji:
        start = low.find(emoji)
        while start >= 0:
            spans.append((start, emoji))
            start = low.find(emoji, start + 1)
    if entry.with_words:
        spans = [span for span in spans if near(low, span[0], entry.with_words, entry.within)]
    return [label for _, label in spans]


def near(text: str, offset: int, words: set[str], within: int) -> bool:
    """Whether one of `words` is within `within` words of the match starting at `offset`."""
    tokens = [(m.start(), m.group(0).strip("'’-")) for m in WORD.finditer(text)]
    index = sum(1 for start, _ in tokens if start < offset)
    window = tokens[max(0, index - within) : index + within + 1]
    return any(word in words for _, word in window)


def run(entries: list[Entry], report: Report, quiet: bool) -> tuple[int, int, int, int]:
    """Match every post; return (risky caught, risky total, innocent clean, innocent total)."""
    caught = caught_posts(entries, report, quiet, RISKY)
    clean = clean_posts(entries, report, quiet, INNOCENT, "innocent", NOT_RISK)
    return caught, len(RISKY), clean, len(INNOCENT)


def run_promotions(entries: list[Entry], report: Report, quiet: bool) -> tuple[int, int]:
    """Promotions each matched by a promotion entry, and everyday uses of the same words
    matched by nothing; return (promotions caught, everyday posts with no match)."""
    caught = caught_posts(entries, report, quiet, [(lang, text, "promotion") for lang, text in PROMOTIONAL])
    return caught, clean_posts(entries, report, quiet, NOT_PROMOTIONAL, "everyday", set())


def caught_posts(entries: list[Entry], report: Report, quiet: bool, posts: list[tuple[str, str, str]]) -> int:
    """How many posts (language, text, category) an entry of their category matches."""
    caught = 0
    for language, text, expected in posts:
        hits = hits_for(entries, language, text)
        good = any(entry.category == expected for entry, _ in hits)
        caught += good
        if not good:
            report.problems.append(f"missed ({expected}): {text}")
        if not quiet or not good:
            report.lines.append(f"{'ok  ' if good else 'MISS'} [{expected}] {text}\n      {describe(hits)}")
    return caught


def clean_posts(entries: list[Entry], report: Report, quiet: bool, posts: list[tuple[str, str]], label: str,
                ignore: set[str]) -> int:
    """How many posts (language, text) no entry matches, leaving out the `ignore` categories."""
    clean = 0
    for language, text in posts:
        hits = [(entry, labels) for entry, labels in hits_for(entries, language, text)
                if entry.category not in ignore]
        clean += not hits
        if hits:
            report.problems.append(f"{label} post hit: {text} <- {describe(hits)}")
        if not quiet or hits:
            report.lines.append(f"{'ok  ' if not hits else 'HIT '} [{label}] {text}\n      {describe(hits)}")
    return clean


def hits_for(entries: list[Entry], language: str, text: str) -> list[tuple[Entry, list[str]]]:
    """The entries of the post's language (and the emoji pack) that match it.

    A hyphen inside a word is read three ways (as written, as a space, as nothing), the way
    the checker's normaliser treats separators inside words: "pro-choice" is "pro choice".
    """
    readings = {text, INNER_HYPHEN.sub(" ", text), INNER_HYPHEN.sub("", text)}
    found = []
    for entry in entries:
        if entry.language in (language, "und"):
            labels = sorted({label for reading in readings for label in match(entry, reading)})
            if labels:
                found.append((entry, labels))
    return found


def describe(hits: list[tuple[Entry, list[str]]]) -> str:
    """One line: which entries fired, on what."""
    return "; ".join(f"{entry.id} <- {', '.join(repr(label) for label in labels)}" for entry, labels in hits) or "-"


def main() -> int:
    """Check the packs, run the posts, print the totals; 1 when anything is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print only the totals and the failures")
    args = parser.parse_args()
    report = Report()
    entries = read_packs(report)
    check_javascript(report)
    caught, risky, clean, innocent = run(entries, report, args.quiet)
    promoted, everyday = run_promotions(entries, report, args.quiet)
    for line in report.lines:
        print(line)
    print(
        f"\npacks: {len({e.pack for e in entries})}, entries: {len(entries)}, "
        f"phrases: {sum(len(e.phrases) for e in entries)}, patterns: {sum(len(e.patterns) for e in entries)}, "
        f"emoji: {sum(len(e.emoji) for e in entries)}"
    )
    print(f"risky posts caught by the expected category: {caught}/{risky}")
    print(f"innocent posts with no risk match: {clean}/{innocent}")
    print(f"promotions caught by a promotion entry: {promoted}/{len(PROMOTIONAL)}")
    print(f"everyday uses of promotion words with no match at all: {everyday}/{len(NOT_PROMOTIONAL)}")
    for problem in report.problems:
        print(f"problem: {problem}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
