"""Rules after the classifier for what a message says in so many words.

The classifier counts words and characters; some messages say plainly what they are, in
words it weighs too little: a greeting before a long story, a request for someone to call,
"how much time" in words of a price, Finnish named in a question about a Swedish course.
Each rule corrects the intent ranking for one such case, before the fallback classifier
reads it (docs/intents.md lists them in `config.yml` order). They read the catalogue
lazily, so a catalogue edit needs no retraining.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.answers import FOLLOWUP_INTENTS, INTENT_MORE, INTENT_TARGET_GROUP
from bot.catalogue import Service, get_catalogue
from bot.detail_questions import (
    A_SMALL_CHILD,
    MAX_WORDS_OF_A_DETAIL_QUESTION,
    MAX_WORDS_OF_A_QUESTION_IN_CONTEXT,
    NO_ONE_TO_LEAVE_THE_CHILD_WITH,
    POINTS_BACK,
    WHO_MAY_TAKE_PART,
    asked_topic,
    asks_about_childcare,
    asks_where_on_the_page,
    followup_topic,
    is_a_question,
    without_life_at_home,
)
from bot.languages import (
    OK_WORDS,
    THANKS_WORDS,
    asks_about_a_language,
    in_latin_script,
    knows_no_finnish_and_asks_vaguely,
    learns_or_names_a_course,
    letters_once,
    named_languages,
    wants_to_learn_finnish,
    wants_to_speak_finnish_with_people,
    wants_to_speak_with_people,
    without_language_names,
)
from bot.nlu.career_guidance import asks_how_to_start_working
from bot.nlu.children_activities import (
    asks_about_a_childs_school_or_hobby,
    asks_for_a_childs_club_or_hobby,
    asks_to_sign_a_child_up,
)
from bot.nlu.civic_orientation import asks_about_how_the_country_works
from bot.nlu.culture_card import asks_for_cheap_culture
from bot.nlu.first_steps import asks_where_to_start
from bot.nlu.job_search import asks_for_job_search_help
from bot.nlu.literacy import cannot_read_or_write
from bot.nlu.own_business import asks_about_starting_a_business
from bot.nlu.own_course import asks_to_count_a_course_of_ones_own
from bot.nlu.ranking import (
    AMBIGUITY,
    FORCED_RIVALS_SHARE,
    UNSURE,
    NonTrainable,
    demote_intent,
    force_intent,
    intent_confidence,
    merge_first_two,
)
from bot.nlu.tokenizer import question_focus, text_as_read
from bot.nlu.wording import as_read, compiled
from bot.off_topic import off_topic
from bot.person_requests import asks_about_the_assistant, asks_for_a_person
from bot.story_reading import sentences

HANDOFF_INTENT = "request_human"
OUT_OF_SCOPE = "out_of_scope"


GREETING_INTENT = "greet"
# Greetings are short: the longest training example has 7 words.
MAX_WORDS_OF_A_GREETING = 7


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OpeningGreetingRule(NonTrainable):
    """A greeting that opens a longer message ("Hej! Jag är arbetslös och inskriven på
    TE-byrån. Hur kommer jag in på en kurs i finska?") is a courtesy, not what the message
    is about: the classifier's next intent is taken, so the situation and the question are
    read."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            words = len((message.get(TEXT) or "").split())
            if intent == GREETING_INTENT and words > MAX_WORDS_OF_A_GREETING:
                demote_intent(message, GREETING_INTENT)
        return messages


# A greeting alone is this short: "hiii", "moii 👋", "хаюшки", "hei hei".
MAX_WORDS_OF_A_BARE_GREETING = 3


# Words of a greeting in the six languages, as people type them (repeated letters are read
# once), Arabic also in Latin letters ("slm 3likom"). Not "moikka" or "heippa": they say
# goodbye as often.
_GREETINGS = frozenset(
    letters_once(word)
    for word in "hei moi moro morjens morjes terve huomenta päivää paivaa iltaa "
    "hej hejsan tjena tja hallå halla morsning godmorgon godmorron gomorron goomorron "
    "hi hey heya hiya hello morning mornin "
    "привет приветик приветствую здравствуйте здравствуй здрасте здрасьте хай хаюшки "
    "privet privetik zdravstvuyte zdrastvuyte привіт привітик вітаю pryvit vitayu прівєт прівет "
    "مرحبا مرحبًا مرحباً اهلا أهلا هلا هلو هاي سلام السلام "
    "slm salam salamu marhaba marhba ahlan hala".split()
)
# Words that make a greeting two by two ("good evening", "добрый день", "صباح الخير"), or go
# with one ("السلام عليكم", "slm 3likom").
_WITH_A_GREETING = frozenset(
    letters_once(word)
    for word in "hyvää hyvaa god dag morgon kväll good gud afternoon evening "
    "добрый доброе день утро вечер добрий доброго дня ранку вечір dobryi "
    "عليكم صباح مساء الخير alaikum alaykum aleikum 3likom".split()
)
# A greeting may open with these ("no moro", "а привет", "و عليكم").
_BEFORE_A_GREETING = frozenset("no nå ja oh well а и і و".split())
# And close with these, said to whom ("good evening to you!!", "hello there", "moi kaikille").
_AFTER_A_GREETING = frozenset(
    letters_once(word)
    for word in "there to you all everyone everybody guys folks kaikille teille alla er всем вам"
    " всім".split()
)
_A_WORD = re.compile(r"[^\W\d_]+|3\w+")


def only_greeting_words(text: str) -> bool:
    """Whether the message says hello and nothing else ("no moroo", "хаюшки 👋", "slm 3likom",
    "добрый день!"); "good" or "день" alone says no hello."""
    words = [letters_once(w) for w in _A_WORD.findall(text.lower())]
    greeting = [w for w in words if w not in _AFTER_A_GREETING]
    if not greeting or len(greeting) > MAX_WORDS_OF_A_BARE_GREETING:
        return False
    greetings = sum(w in _GREETINGS for w in greeting)
    companions = sum(w in _WITH_A_GREETING for w in greeting)
    others = len(greeting) - greetings - companions - sum(w in _BEFORE_A_GREETING for w in greeting)
    return others == 0 and (greetings > 0 or companions >= 2)


# "How are you?" in the six languages, Arabic also in Latin letters. Said with a hello ("هاي،
# كيفك انت؟", "hello, how are you?") it is a greeting, as the training data has it; alone it
# is small talk, declined.
_HOW_ARE_YOU = compiled(
    r"\b(?:mitäs? (?:sulle |teille )?kuuluu|mites? menee|kuinka voit|miten voit|hur mår du"
    r"|hur är (?:det|läget)|how (?:are|r) (?:you|u)(?: doing)?|how'?s it going|how are things"
    r"|как (?:у (?:тебя|вас) )?дела|как (?:ты|вы|поживаешь|поживаете)"
    r"|як (?:у (?:тебе|вас) )?справи|як (?:ти|ви|поживаєш|поживаєте)"
    r"|kifak|kifik|keefak|kefak|shlonak|shlonik|ezayak|ezayek|izzayak)\b"
    r"|(?:كيفك|كيفكم|كيفكن|كيف حالك|كيف حالكم|كيف الحال|شلونك|شلونكم|ازيك|ازيكم"
    r"|عامل ايه|عاملة ايه|شو اخبارك|وش اخبارك|كيف اخبارك|اخبارك)(?:\s+(?:انت|انتي|انتو))?"
)[0]
MAX_WORDS_OF_A_HELLO_AND_HOW_ARE_YOU = 6


def greets_and_asks_how_are_you(text: str) -> bool:
    """Whether the message says hello and asks how the assistant is, and nothing else ("هاي،
    كيفك انت؟", "moi, mitä kuuluu?"); "how are you?" alone says no hello."""
    lowered = as_read(text)
    if len(lowered.split()) > MAX_WORDS_OF_A_HELLO_AND_HOW_ARE_YOU:
        return False
    found = _HOW_ARE_YOU.search(lowered)
    if found is None:
        return False
    return only_greeting_words(lowered[: found.start()] + " " + lowered[found.end() :])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class BareGreetingRule(NonTrainable):
    """A message of a few words that the classifier reads first as a greeting ("hiii", "moii",
    "hii 👋") is one, however unsure it is of the spelling: nothing else is said, and "I'm not
    sure I understood" is a poor answer to a hello. So is a message of greeting words alone
    ("no moroo", "хаюшки", "slm 3likom"), or with a "how are you?" ("هاي، كيفك انت؟" was out
    of scope at 0.66), unless the classifier read a goodbye or thanks."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            text = message.get(TEXT) or ""
            first = ranking[0].get("name") if ranking else None
            short = len(text.split()) <= MAX_WORDS_OF_A_BARE_GREETING
            # "hei hei", "moi moi" also say goodbye: the classifier's courtesy stays.
            if (first == GREETING_INTENT and short) or (
                first not in COURTESIES
                and (only_greeting_words(text) or greets_and_asks_how_are_you(text))
            ):
                force_intent(message, GREETING_INTENT, FORCED_RIVALS_SHARE)
        return messages


# "تمام، شكرا" is thanks and yes at once: either answer is right, so a tie between them is
# none for the fallback (config.yml's ambiguity_threshold).
COURTESIES = frozenset({"thank", "affirm", "goodbye"})
# A no and a cancel close together ("nej förresten, strunta i det") both stop what was
# offered: either is taken.
NOES = frozenset({"deny", "cancel"})
# A question may follow any of them, or a "no" ("ой, нет. а где её получить?").
BEFORE_A_QUESTION = COURTESIES | {"deny"}


# "ok, thanks", "okej tack!", "хорошо, спасибо": thanks said with the yes; "you're welcome"
# answers it better than "OK, anything else?".
_THANKS = re.compile(THANKS_WORDS)

# "ja tack", "kyllä kiitos", "да, спасибо" answer an offer: yes, please (the form's consent).
_YES = re.compile(
    r"\b(?:kyllä|kylla|joo|juu|ja|jo|yes|yeah|yep|sure|да|ага|так)\b"
    r"|(?:^|\s)(?:نعم|ايوه|أيوه|اه|آه|اكيد|أكيد)(?=\s|$|[،,.!؟?])"
)
# "ок пока", "okei heippa", "ok bye": an ok, then a goodbye and nothing else; no yes to
# anything offered ("ок, пока нет" says not yet).
_OK_BYE = re.compile(
    rf"^(?:{OK_WORDS})[\s,،.!]+"
    r"(?:bye|bye-bye|bye bye|goodbye|heippa|moikka|hei hei|hejdå|hej då|ha det bra"
    r"|пока|пока-пока|до свидания|бувай|бувайте|до побачення|باي|مع السلامة|سلام)[\s.!]*$"
)


HELP_INTENT = "help"
# A request for help with nothing said of what with: "can u help", "voitko auttaa", "what
# can you do", "شو بتقدر تساعدني" (a request with an object, "help me fill this in", is not).
_HELP_REQUEST = re.compile(
    r"(?:(?:can|could) (?:you|u) help(?: me| us)?|help me|i need (?:some )?help"
    r"|what (?:(?:(?:kind|sort) of )?(?:things|stuff) )?can (?:you|u) (?:do|help(?: me| us)? with)"
    r"|what (?:(?:(?:kind|sort) of )?(?:things|stuff) )?(?:are|r) (?:you|u) able to help"
    r"(?: me| us| newcomers| people)? with"
    r"|how can (?:you|u) help(?: me| us)?|what can (?:you|u) do for (?:me|us)"
    r"|(?:voitko|voisitko|voiksä|voitsä|voitteko|voisitteko) auttaa(?: mua| minua| meitä)?"
    r"|(?:tarviin|tarvitsen|tarttisin) apua|mitä (?:sä|sinä|te) osaat(?:te)?"
    r"|(?:missä|miten|missä asioissa) (?:sä |sinä )?voit auttaa"
    r"|kan du hjälpa (?:mig|mej|oss|till)|(?:jag|ja) behöver hjälp"
    r"|vad kan du (?:egentligen |faktiskt )?(?:hjälpa (?:mig |mej |oss )?(?:till )?med|göra"
    r"(?: för (?:mig|mej|oss))?)"
    r"|vad (?:e|är) det du kan (?:svara på|hjälpa (?:mig |mej |oss )?(?:till )?(?:med|me)|göra)"
    # "vad e du för en bot, vad kan du hjälpa till me?": what it is ("bot" is a word around
    # a request), and the spoken "me" (med)
    r"|vad? (?:e|är) du för (?:en|ett)(?: (?:bot|robot|program|tjänst))?"
    r"|vad kan du (?:egentligen |faktiskt )?hjälpa (?:mig |mej |oss )?(?:till )?me"
    # the spoken "va" (vad): "va kan du egentligen hjälpa till med"
    r"|va kan du (?:egentligen |faktiskt )?(?:hjälpa (?:mig |mej |oss )?(?:till )?(?:med|me)|göra)"
    r"|(?:вы |ты )?(?:можете|можешь|могли бы|можно) (?:мне |нам )?помочь|помогите(?: мне)?"
    r"|мне нужна помощь|нужна помощь|чем (?:вы |ты )?(?:можете|можешь) (?:мне )?помочь"
    r"|(?:ви |ти )?(?:можете|можеш|могли б|можна) (?:мені |нам )?допомогти|допоможіть(?: мені)?"
    r"|мені потрібна допомога|потрібна допомога"
    # "привіт, допоможеш?": will you help?
    r"|(?:ты )?поможешь(?: мне| нам)?|(?:ти )?допоможеш(?: мені| нам)?"
    r"|чим (?:ви |ти )?(?:можете|можеш) (?:мені )?допомогти"
    r"|(?:что|чё|че|чо) (?:ты |вы )?(?:умеешь|умееш|умеете|можешь делать|можете делать)"
    # "а ви взагалі в чому можете допомогти?": in what
    r"|(?:вы |ты )?(?:в|у) ч(?:ем|ём) (?:вы |ты )?(?:можете|можешь) (?:мне |нам )?помочь"
    r"|(?:ви |ти )?(?:в|у) чому (?:ви |ти )?(?:можете|можеш) (?:мені |нам )?допомогти"
    # "с какими вопросами к тебе можно обращаться?": with which questions one may turn to it
    r"|(?:с какими вопросами|с чем|по каким вопросам) (?:к тебе |к вам )?(?:можно )?"
    r"(?:обращаться|обратиться)"
    r"|(?:з якими питаннями|з чим) (?:до тебе |до вас )?(?:можна )?(?:звертатися|звернутися)"
    # "а что тут можно спросить?": what may be asked here
    r"|что (?:тут |здесь |у вас )?можно (?:спросить|узнать)"
    r"|що (?:тут |у вас )?можна (?:запитати|спитати|дізнатися)"
    r"|what can (?:i|we) ask(?: you| here)?|vad kan (?:man|jag|ja) fråga (?:om )?(?:här|dig)"
    r"|mitä (?:kaikkea |kaikkee )?(?:täältä|sulta|sult|sinulta) (?:voi|voin|saa) kysy(?:ä|y|yy)"
    r"|(?:що|шо) (?:ти |ви )?(?:вмієш|вмієте|умієш|можеш робити|можете робити)"
    r"|(?:ممكن|بتقدر|تقدر|فيك|بتقدري|فيكي) (?:ت)?ساعدني|ساعدني|بدي مساعدة|محتاج مساعدة"
    r"|محتاجة مساعدة|شو بتقدر (?:تساعدني فيه|تساعد|تعمل)|شو فيك تساعدني"
    # "انت شو شغلتك بالزبط، بشو بتفيدني؟": what is your job, what use are you to me?
    r"|(?:شو|ايش|إيش|ايه|إيه) شغلتك|ب?(?:شو|ايش|إيش|ايه|إيه) (?:ب)?(?:ت|ممكن ت)فيدني)"
)
# Two such requests one after the other ("شو شغلتك، بشو بتفيدني؟") are one.
_HELP_REQUESTS = re.compile(rf"{_HELP_REQUEST.pattern}(?: {_HELP_REQUEST.pattern})*")
# Words around such a request that say nothing more: "please", a filler, a name for the bot.
_AROUND_A_REQUEST = frozenset(
    "please pls plz bot kiitos kiitti tack snälla пожалуйста будь ласка بليز رجاء "
    "ok okay okej joo ja då so да так ну а и і вообще взагалі exactly actually hmm egentligen "
    "botti слушай слушайте слухай слухайте вообше "
    "انت إنت انتي بالزبط بالضبط".split()
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class HelpRequestRule(NonTrainable):
    """A greeting and a request for help that says nothing of what with ("hi, can u help",
    "moi, voitko auttaa?", "مرحبا، ممكن تساعدني؟") asks what the assistant can do: the
    topics, not "I'm not sure I understood"."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            # Also when read first already: out of scope close behind leaves a tie.
            if asks_for_help_only(text_as_read(message.get(TEXT) or "")):
                force_intent(message, HELP_INTENT, FORCED_RIVALS_SHARE)
        return messages


def asks_for_help_only(text: str) -> bool:
    """Whether the message, greetings and polite words aside, only asks for help."""
    words = [
        w
        for w in _A_WORD.findall(text.lower())
        if letters_once(w) not in _GREETINGS
        and letters_once(w) not in _WITH_A_GREETING
        and w not in _AROUND_A_REQUEST
    ]
    return bool(words) and bool(_HELP_REQUESTS.fullmatch(" ".join(words)))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CourtesyTieRule(NonTrainable):
    """Thanks, yes and goodbye close together ("ok, thanks", "تمام، شكرا يا باشا") are all
    harmless answers: the first is taken instead of "I'm not sure I understood". An "ok"
    or a "bye-bye" that says thanks ("okej tack!", "ok kiitos, hei hei") is the thanks, also
    when a greeting is as close behind it ("hei hei" says goodbye); "ja tack" still says
    yes; an "ok" that only says goodbye ("ок пока") is the goodbye, and thanks read almost as
    surely as another reading are the thanks (`_thanks_in_a_tie`). "Nothing more" is a no
    (`_says_nothing_more`), or the ending read first, and a no close to a cancel is taken as
    the first of them."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            text = message.get(TEXT) or ""
            first = ranking[0].get("name") if ranking else None
            short = len(text.split()) <= MAX_WORDS_OF_A_GREETING
            if first == "affirm" or (first in (GREETING_INTENT, "thank") and short):
                lowered = text.lower()
                if _THANKS.search(lowered) and not _YES.search(lowered):
                    force_intent(message, "thank", FORCED_RIVALS_SHARE)
                    continue
            if first == "affirm" and _OK_BYE.match(text.lower().strip()):
                force_intent(message, "goodbye", FORCED_RIVALS_SHARE)
                continue
            if _thanks_in_a_tie(message, text):
                force_intent(message, "thank", FORCED_RIVALS_SHARE)
                continue
            if _says_nothing_more(text):
                # An ending read first stays, however unsure ("не, поки все": no 0.27,
                # goodbye 0.23); anything else is a no.
                force_intent(message, first if first in ENDINGS else "deny", FORCED_RIVALS_SHARE)
                continue
            first_two = {r.get("name") for r in ranking[:2]}
            if len(ranking) < 2 or (first_two - COURTESIES and first_two - NOES):
                continue
            first, second = (float(r.get("confidence") or 0.0) for r in ranking[:2])
            if first >= UNSURE and first - second < AMBIGUITY:
                force_intent(message, ranking[0]["name"], FORCED_RIVALS_SHARE)
        return messages


def _thanks_in_a_tie(message: Message, text: str) -> bool:
    """Whether thanks that ask nothing and name no service, with praise or a reason around
    them ("дякую вам, ви просто золото ❤️", "супер, дякую, бо я вже думала що мені нічого не
    світить"), were read as thanks as surely, or almost, as the first reading."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    scores = {r.get("name"): float(r.get("confidence") or 0.0) for r in ranking[:2]}
    if (
        "thank" not in scores
        or GREETING_INTENT in scores  # "hei, kiitos eilisestä, mulla olis vielä yks kysymys…"
        or len(text.split()) > MAX_WORDS_OF_A_QUESTION_IN_CONTEXT
        or not _THANKS.search(text.lower())
        or is_a_question(text)
    ):
        return False
    as_sure = max(scores.values()) - scores["thank"] < AMBIGUITY
    return as_sure and not get_catalogue().services_named(text)


# "Nothing more", "never mind": a no to "anything else?", however much the word "more"
# weighed for `ask_more` ("nej, inget mer. ha det bra", "ні, більше нічого").
_NOTHING_MORE = re.compile(
    # "ei mulla muuta kysyttävää" (I have nothing more to ask)
    r"\bei (?:(?:mulla|minulla|mul|oo|ole|mitään) )?muuta\b"
    r"|\bei enää mitään\b|\bunohda (?:se|koko juttu)\b"
    r"|\b(?:inget|ingenting) (?:mer|annat)\b|\bstrunta i det\b|\bglöm det\b|\bglom det\b"
    r"|\bsiinä kaikki\b|\bdet var allt\b"
    r"|\bnothing (?:more|else)\b|\bthat'?s all\b|\bthat is all\b|\bnever ?mind\b"
    r"|\bforget it\b"
    r"|\bбольше ничего\b|\bничего (?:больше|не надо|не нужно)\b|\bне важно\b"
    # "это всё", not "это все удовольствие" (all this): the end of what is said
    r"|\b(?:пока|это) вс[её]\b(?!\s+[^\W\d_])|\b(?:поки(?: що)?|це) все\b(?!\s+[^\W\d_])"
    r"|\bбільше нічого\b|\bнічого (?:більше|не треба|не потрібно)\b|\bневажливо\b"
    # no more questions ("неа, все, питань більше нема")
    r"|\b(?:більше )?питань (?:більше )?(?:нема|немає)\b|\b(?:больше )?вопросов (?:больше )?нет\b"
    r"|\b(?:вже|уже) все\b"
    r"|\bзабудь(?:те)?\b"
    r"|ما في شي|ما بدي شي|مش عايز حاجة|لا شي|ولا شي|خلص هيك|بس هيك|انسى|إنسى|ولا حاجة"
)
# Readings of "nothing more" that end as a no would: "forget it, cancel" cancels.
ENDINGS = frozenset({"deny", "cancel", "goodbye", "thank"})
# A longer message says more than no.
MAX_WORDS_OF_NOTHING_MORE = 6


def _says_nothing_more(text: str) -> bool:
    """Whether a short message that asks nothing says no more is wanted."""
    return (
        len(text.split()) <= MAX_WORDS_OF_NOTHING_MORE
        and not is_a_question(text)
        and bool(_NOTHING_MORE.search(text.lower()))
    )


def _of_two_close_services(message: Message, catalogue: Any) -> None:
    """Of two services too close to tell apart, or read first unsurely, the one the message
    names, when it names one of them only: "… nyt mä oon työttömänä ja kirjoilla työkkärissä.
    Miten mä pääsen jollekin suomen kurssille?" between the guidance service (the situation)
    and integration training (the question); "jag ha möte med TE-byrån … om
    kotoutumissuunnitelma. vad vi ska prata om där?", the conversation groups at 0.53 before the
    plan it names at 0.35. Read first unsurely, the other must be called by its name: "daycare"
    or "dagis" in a story about work is no question about daycare. Below the fallback's
    threshold a synonym will do, rather than "I'm not sure I understood": "ezayak, 3ayza a2dem
    le bente fi 7adana" (daycare) was the level test at 0.29, family services at 0.18.
    Two close ones that meet one need for two groups ("بدي اتعلم فنلندي": integration training
    or the S2 classes with childcare) are one reading: either answer tells both groups where
    to go, where the fallback would answer "I'm not sure I understood"."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    first, second = ranking[0], ranking[1]
    services = [catalogue.by_intent(r.get("name")) for r in (first, second)]
    first_confidence = float(first.get("confidence") or 0.0)
    close = first_confidence - float(second.get("confidence") or 0.0) < AMBIGUITY
    if None in services or not (close or first_confidence < SURE_OF_A_SERVICE):
        return
    text = text_as_read(message.get(TEXT) or "")
    if close or first_confidence < UNSURE:
        named = [s for s in services if catalogue.names_service(s, text)]
    else:  # by its name, not a common word of the story ("daycare", "dagis")
        named = [s for s in services if catalogue.calls_by_its_name(s, text)]
    if len(named) == 1:
        force_intent(message, named[0].intent, FORCED_RIVALS_SHARE)
    elif close and services[0].meets_the_same_need_as(services[1]):
        merge_first_two(message)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class NamedServiceRule(NonTrainable):
    """A question that names a service is about that service (docs/intents.md): "сколько
    стоит Kaikukortti?" is `ask_kaikukortti`, however close behind the classifier put it to
    the follow-up `ask_cost`; the answer then gives the detail asked (bot/answers.py,
    `asked_topic`). Without this, two intents that close are left to the fallback."""

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            first_two = [r.get("name") or "" for r in (message.get(INTENT_RANKING_KEY) or [])[:2]]
            if len(first_two) < 2:
                continue
            if not any(n in FOLLOWUP_INTENTS for n in first_two):
                _of_two_close_services(message, catalogue)
                continue
            text = text_as_read(message.get(TEXT) or "")
            # The services of the first two that the message names, and by which word.
            found = {
                name: catalogue.name_in_text(service, text)
                for name in first_two
                if (service := catalogue.by_intent(name)) is not None
            }
            by_the_detail = {
                name for name, word in found.items() if _named_by_the_detail(word, first_two)
            }
            named_first_two = [
                name for name in first_two if found.get(name) and name not in by_the_detail
            ]
            if named_first_two:
                force_intent(message, named_first_two[0], FORCED_RIVALS_SHARE)
                continue
            if by_the_detail and not learns_or_names_a_course(text):
                # "how does the childcare work, do the kids stay in same building?": read as
                # the S2 classes by the word, it asks the childcare of the service in context.
                force_intent(message, "ask_childcare", FORCED_RIVALS_SHARE)
                continue
            # A follow-up guessed for an Arabic or Cyrillic message that names one service
            # in Latin letters, which the classifier did not rank ("Мене запросили на зустріч
            # щодо kotoutumissuunnitelma. Що це таке?"): the Finnish name weighs little among
            # Ukrainian words, yet it says what is asked. In a Finnish message the same words
            # may be the follow-up's topic ("onko lastenhoitoa?").
            if first_two[0] not in FOLLOWUP_INTENTS or in_latin_script(text):
                continue
            named = catalogue.services_named(text)
            if len(named) == 1 and in_latin_script(catalogue.name_in_text(named[0], text) or ""):
                force_intent(message, named[0].intent, FORCED_RIVALS_SHARE)
        return messages


# The words for childcare alone, which are also synonyms of the S2 classes with childcare, and
# the shortest stem by which the catalogue finds one.
_CHILDCARE_WORDS = ("lastenhoito", "barnpassning", "childcare", "child care", "رعاية الأطفال")
MIN_STEM_OF_A_CHILDCARE_WORD = 5


def _named_by_the_detail(found: str | None, first_two: list[str]) -> bool:
    """Whether a service is named only by the word for the follow-up ranked with it (`found`,
    as `Catalogue.name_in_text` found it): "childcare" names the S2 classes with childcare,
    yet "finns det barnpassning där?" and "will there be childcare? i have two small kids" ask
    it of the service in context."""
    stem = (found or "").strip()
    # The name is found by its stem ("barnpassni"): a word for childcare begins with it.
    return (
        "ask_childcare" in first_two
        and len(stem) >= MIN_STEM_OF_A_CHILDCARE_WORD
        and any(word.startswith(stem) for word in _CHILDCARE_WORDS)
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DetailQuestionRule(NonTrainable):
    """A follow-up that asks a detail in so many words asks that one (the words are in
    `followup_topic` of bot/detail_questions.py): "قديش بياخد وقت؟" and "skolko chasov v
    nedelyu?" ask how long, though "how much" also asks the price and the classifier read a
    cost. So does a message naming no service that the classifier was unsure of, with a follow-up
    among its first three guesses and `out_of_scope` not among the first two ("onko se auki
    lauantaisin?"), instead of "I'm not sure I understood", and then a little longer when only
    the detail table's words ask it ("måste man punga ut nåt för att vara med i gruppen");
    a question read as a yes or thanks for the courtesy before it ("okej. kostar det nåt att
    få hjälpen?"); a follow-up about a child looked after that tells a little more than
    one detail, also read unsurely as something else; and where on the web page the website
    translation is ("а на сайте где эту штуку искать?"). A question after a no, "forget it"
    or an aside ("sori väärä appi. missä sitä korttia jaetaan") is that question. A message over
    `MAX_WORDS_OF_A_DETAIL_STORY` words read as a detail is a story: it asks for the service it
    describes (`a_story_asks_for_the_service_not_a_detail`). A detail read unsurely in a
    question of up to 12 words is the one its last clause or its words ask
    (`_unsure_of_a_longer_detail_question`)."""

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = text_as_read(message.get(TEXT) or "")
            ranking = message.get(INTENT_RANKING_KEY) or []
            confidence = intent_confidence(message)
            unsure = (
                confidence < UNSURE
                and OUT_OF_SCOPE not in [r.get("name") for r in ranking[:2]]
                and not catalogue.services_named(text)
                and (
                    any(r.get("name") in FOLLOWUP_INTENTS for r in ranking[:3])
                    or _childcare_in_so_many_words(text)
                )
            )
            # "okej. kostar det nåt att få hjälpen?": the yes before the question weighed more;
            # so did the "no" of "ой, нет. а где её получить?", and the "okei" of a question
            # typed without its mark after it ("okei. missä se testi tehdään").
            courtesy_first = intent in BEFORE_A_QUESTION and (
                "?" in text
                or "؟" in text
                or len(sentences(text)) > 1
                or bool(_A_COURTESY_THEN_A_QUESTION_WORD.match(text.lower()))
            )
            # "and my girl, who watch her when im in the lesson?": a child looked after
            # meanwhile, in words the classifier was unsure of, even as a decline or a service.
            child_looked_after = _a_child_looked_after(text) and (
                intent in FOLLOWUP_INTENTS
                or (confidence < NOT_SURE_OF_A_SERVICE and not catalogue.services_named(text))
            )
            if intent in FOLLOWUP_INTENTS and len(text.split()) > MAX_WORDS_OF_A_DETAIL_STORY:
                # "… Соседка рассказала про какую-то карточку … Что это и где ее взять?": a
                # story that describes a service asks for it, whatever group it states.
                a_story_asks_for_the_service_not_a_detail(message, catalogue)
                continue
            agreed = _agreed_followup(message, catalogue)
            # "and where is my girl while i sit in the lesson?" asks where she is looked after
            if agreed is not None and not (child_looked_after and agreed == "ask_location"):
                force_intent(message, agreed, FORCED_RIVALS_SHARE)
                continue
            # "sori väärä appi. missä sitä korttia jaetaan": an aside, then the question
            aside = intent not in FOLLOWUP_INTENTS and _opens_with_an_aside(text)
            after = _after_the_first_sentence(text) if aside or intent in NOES else ""
            # "oops wrong window sorry. where on the page do i find that translation thing"
            if intent == _ON_A_PAGE and asks_where_on_the_page((after if aside else text).lower()):
                force_intent(message, "ask_location", FORCED_RIVALS_SHARE)
                continue
            if after and (asked_next := _asked_after_a_no(after, catalogue, detail_first=aside)):
                force_intent(message, asked_next, FORCED_RIVALS_SHARE)
                continue
            if (
                intent not in FOLLOWUP_INTENTS
                and not unsure
                and not courtesy_first
                and not child_looked_after
            ):
                continue
            # The courtesy's words come on top of the question's.
            longest = (
                MAX_WORDS_OF_A_QUESTION_IN_CONTEXT
                if courtesy_first
                else MAX_WORDS_OF_A_DETAIL_QUESTION
            )
            topic = followup_topic(text, longest)
            if topic is None and _unsure_of_a_longer_detail_question(intent, confidence, text):
                # The question after a clause says which detail ("okej, jag förstår lite
                # svenska redan. var hålls kurserna?" asks where, not in which language), else
                # the whole ("а мама куда ездить будет, где эти уроки у них?" read 0.42 as the
                # price), but for a language named of oneself ("sorry my finnish is bad, how
                # do I sign him up?").
                topic = followup_topic(_last_clause(text), longest)
                if topic is None:
                    whole = followup_topic(text, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT)
                    topic = whole if whole != "teaching_language" else None
            if topic is None and child_looked_after:
                # "and where is my girl while i sit in the lesson?": looked after, not where
                topic = "childcare"
            if topic is None and unsure:
                # A message the fallback would decline may tell a little more around a detail
                # that only its words ask ("måste man punga ut nåt för att vara med i gruppen":
                # the price); not a language it names ("betala skatt i Ukraina").
                topic = asked_topic(text, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT) or (
                    "childcare" if _childcare_in_so_many_words(text) else None
                )
            asked = f"ask_{topic}" if topic else None
            if asked in FOLLOWUP_INTENTS and asked != intent:
                force_intent(message, asked, FORCED_RIVALS_SHARE)
        return messages


# An ok or thanks, maybe a "but", then a word that asks, typed without a question mark:
# "okei mut mistä sen kortin oikein saa".
_A_COURTESY_THEN_A_QUESTION_WORD = re.compile(
    r"(?:ok\w*|joo|juu|kiitos|tack|thanks|ладно|хорошо|добре|гаразд|تمام|طيب)[,.!]?\s+"
    r"(?:(?:mut|mutta|men|but|а|но|але|بس)\s+)?"
    r"(?:mistä|missä|miten|paljonko|milloin|kuka|var|vart|hur|när|vem|where|how|when|who"
    r"|где|как|когда|сколько|кто|куда|де|як|коли|скільки|хто|куди|وين|كيف|قديش|متى|مين)\b"
)

_CLAUSE_END = re.compile(r"[,،;:.!?؟]+\s+")


def _last_clause(text: str) -> str:
    """The message's last clause, after its last comma or sentence end ("" for one clause)."""
    parts = [part for part in _CLAUSE_END.split(text.strip()) if part.strip()]
    return parts[-1] if len(parts) > 1 else ""


def _childcare_in_so_many_words(text: str) -> bool:
    """Whether the message asks about a child looked after in so many words ("kan dom vara i
    samma hus medan ja sitter på lektionen?" read 0.12 as the civic orientation, no detail
    ranked); other details' words ask about flights or taxes abroad too."""
    return followup_topic(text, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT) == "childcare"


def _unsure_of_a_longer_detail_question(intent: str | None, confidence: float, text: str) -> bool:
    """Whether the classifier read, unsurely or as "tell me more", a detail in a question a
    little longer than one detail's words ("а мама куда ездить будет, где эти уроки у них?"):
    the words may then say which detail, as in a question in context. Not when an aside
    follows the question ("where is it held? sorry english is easier for me"), nor when the
    classifier was sure of a detail."""
    return (
        intent in FOLLOWUP_INTENTS
        # "more" says no detail: the words may ("e dom där grupperna varje vecka eller mer
        # sällan?" read 0.60 as "tell me more")
        and (confidence < NOT_SURE_OF_A_SERVICE or intent == INTENT_MORE)
        and (text.rstrip().endswith(("?", "؟")) or len(sentences(text)) == 1)
    )


# No follow-up about the service in context runs this long: a longer message tells a story
# (none of the development sets' 862 turns over 25 words asks one detail).
MAX_WORDS_OF_A_DETAIL_STORY = 25


# In a story, a service this far behind a detail question (with this share of its
# confidence) is what the story asks about.
STORY_SERVICE_SHARE = 0.3


def a_story_asks_for_the_service_not_a_detail(message: Message, catalogue: Any) -> None:
    """A story (a situation stated, `TargetGroupExtractor`, or a message over
    `MAX_WORDS_OF_A_DETAIL_STORY` words, `DetailQuestionRule`) whose question asks a detail
    ("Olen eläkkeellä … joku kortti, jolla pääsee teatteriin. Mikä se on ja mistä sen saa?")
    asks for the service it describes, not for the place of a service in context: a detail
    guessed first, with a service among the next two, or a service and a detail too close to
    tell apart, is the service (its first answer tells where and how)."""
    if question_focus(message.get(TEXT) or "") is None:
        return
    ranking = message.get(INTENT_RANKING_KEY) or []
    if len(ranking) < 2:
        return
    first = float(ranking[0].get("confidence") or 0.0)
    if ranking[0].get("name") in FOLLOWUP_INTENTS:
        for entry in ranking[1:3]:
            share = float(entry.get("confidence") or 0.0)
            if catalogue.by_intent(entry.get("name")) is not None and (
                share >= STORY_SERVICE_SHARE * first
            ):
                force_intent(message, entry["name"], FORCED_RIVALS_SHARE)
                return
    elif (
        catalogue.by_intent(ranking[0].get("name")) is not None
        and ranking[1].get("name") in FOLLOWUP_INTENTS
        and first - float(ranking[1].get("confidence") or 0.0) < AMBIGUITY
    ):
        force_intent(message, ranking[0]["name"], FORCED_RIVALS_SHARE)


# A first sentence that says the message before was meant for someone or something else.
_AN_ASIDE = compiled(
    r"\b(?:wrong (?:app|chat|window|person)|väärä (?:appi|äppi|ikkuna|chatti|keskustelu)"
    r"|fel (?:app|chatt|fönster)|не (?:тот|туда) (?:чат|написал\w*)|(?:это|то) не вам\w*"
    r"|не вам|не тобі|не в той чат)\b|(?:^|\s)غلط(?=\s|$|[،,.!])"
)[0]


def _opens_with_an_aside(text: str) -> bool:
    """Whether the message's first sentence is an aside (`_AN_ASIDE`); the sentences are
    split only for a message that has an aside's words at all."""
    return bool(_AN_ASIDE.search(text)) and bool(_AN_ASIDE.search(sentences(text)[0]))


def _after_the_first_sentence(text: str) -> str:
    """The sentences after the first: what a no, "forget it" or an aside is followed by."""
    return " ".join(sentences(text)[1:])


def _asked_after_a_no(after: str, catalogue: Any, detail_first: bool = False) -> str | None:
    """What the sentences `after` a first one ask ("ok glöm det. kostar kurserna nåt", "ok
    unohda se. mikä on kotoutumiskoulutus"): the one service they name, else the detail
    they ask in so many words; the no or "forget it" only closed the question before. After
    an aside (`detail_first`) the conversation goes on: the detail asked comes first ("ой, не
    туда написала. А за консультацию платить надо?" asks the price of the one in context),
    in as many words as a question in context when it points back ("ой, то я не вам. а ці
    курси десь у Гельсінкі чи можна тут, поруч?"); a longer one that points back at nothing
    asks what it names ("… где можно лично проконсультироваться по интеграции, есть какой-то
    офис?")."""
    in_context = detail_first and POINTS_BACK.search(after.lower())
    topic = followup_topic(
        after, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT if in_context else MAX_WORDS_OF_A_DETAIL_QUESTION
    )
    if detail_first and topic:
        return f"ask_{topic}"
    named = catalogue.services_named(after)
    if len(named) == 1:
        return named[0].intent
    return f"ask_{topic}" if topic else None


# The service that is a thing on the city's web page: where on the page is where it is.
_ON_A_PAGE = "ask_website_translation"
# Below this, a classifier's first guess gives way to a follow-up that it ranked and that the
# message asks in so many words; in a question of at most `MAX_WORDS_OF_A_BARE_DETAIL_QUESTION`
# words, below `SURE_OF_A_SERVICE`, when the follow-up is ranked second.
NOT_SURE_OF_A_SERVICE = 0.5
MAX_WORDS_OF_A_BARE_DETAIL_QUESTION = 4


def _agreed_followup(message: Message, catalogue: Any) -> str | None:
    """The follow-up intent that a question naming no service, which the classifier read as
    something else without being sure, asks in so many words, when the classifier ranked it
    among its first three: "ومتى مواعيدهم عادة؟" (when are they, usually?) after career guidance
    was read 0.31 as another service, the schedule third; "بتقدر تروح حتى لو ما معها شغل ولا
    مسجله بأي مكتب؟" (may she go though she has no job?) 0.27 as the guidance service, who
    may take part third. Out of scope first, or as likely as the first, stays declined."""
    intent = message.get(INTENT) or {}
    first_two = (message.get(INTENT_RANKING_KEY) or [])[:2]
    name = intent.get("name")
    if name == OUT_OF_SCOPE or name in FOLLOWUP_INTENTS:
        return None
    confidence = float(intent.get("confidence") or 0.0)
    if confidence >= SURE_OF_A_SERVICE:
        return None  # sure of its reading, however short the question
    text = text_as_read(message.get(TEXT) or "")
    # "وفين مكان الدراسه؟" (and where is the place of study?) read 0.52 as the self-motivated
    # study by its "study", the place second: in a bare question the detail weighs more.
    bare = len(text.split()) <= MAX_WORDS_OF_A_BARE_DETAIL_QUESTION
    if (not bare and confidence >= NOT_SURE_OF_A_SERVICE) or any(
        r.get("name") == OUT_OF_SCOPE and confidence - float(r.get("confidence") or 0.0) < AMBIGUITY
        for r in first_two
    ):
        return None  # out of scope as likely as the first guess: "what time is it"
    asked = ranked_followup(message, text)
    if asked is None or catalogue.services_named(text):
        return None
    if confidence >= NOT_SURE_OF_A_SERVICE and asked not in [r.get("name") for r in first_two]:
        return None
    return asked


def ranked_followup(message: Message, question: str) -> str | None:
    """The follow-up intent `question` (the message, or its question part) asks in so many
    words (`followup_topic`, up to 12 words), when the classifier ranked it among its first
    three; else None."""
    topic = followup_topic(question, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT)
    asked = f"ask_{topic}" if topic else None
    first_three = [r.get("name") for r in (message.get(INTENT_RANKING_KEY) or [])[:3]]
    return asked if asked in FOLLOWUP_INTENTS and asked in first_three else None


def _a_child_looked_after(text: str) -> bool:
    """A follow-up that asks, with a little situation around it, about a small child brought
    along or looked after ("my youngest is only 8 months, can she be with me there?"), and not
    who may come ("а тато з дитиною теж може прийти чи там лише мами?") unless there is no one
    to leave the child with."""
    lowered = text.lower()
    if _NO_ONE_TO_LEAVE_WITH.search(lowered) and asks_about_childcare(lowered):
        # no one to leave the child with, however it is asked ("а чи можна прийти з онуком,
        # йому два рочки, нема з ким лишити")
        return len(text.split()) <= MAX_WORDS_OF_A_DETAIL_STORY
    if len(text.split()) > MAX_WORDS_OF_A_QUESTION_IN_CONTEXT:
        # The child's age told after the question ("å vad gör ja med lillan medan ja sitter
        # på lektionen? hon e 2 år"): the question first, short, and a few words after it.
        first, *rest = sentences(lowered) or [""]
        if (
            len(first.split()) > MAX_WORDS_OF_A_QUESTION_IN_CONTEXT
            or len(" ".join(rest).split()) > MAX_WORDS_AFTER_A_CHILDCARE_QUESTION
        ):
            return False
        lowered = first
    return asks_about_childcare(lowered) and not WHO_MAY_TAKE_PART.search(lowered)


_NO_ONE_TO_LEAVE_WITH = re.compile(NO_ONE_TO_LEAVE_THE_CHILD_WITH)


# A few words about the child after a question about childcare ("hon e 2 år", "ему год и три").
MAX_WORDS_AFTER_A_CHILDCARE_QUESTION = 4


ELIGIBILITY_INTENT = "ask_eligibility"
# A question that long tells more than "can I come?".
MAX_WORDS_OF_AN_ELIGIBILITY_QUESTION = 12
# One sentence that asks may run this long ("ok and does she have to be a job seeker to get
# in there?", 14 words): the words around it say nothing else.
MAX_WORDS_OF_A_ONE_SENTENCE_ELIGIBILITY_QUESTION = 16
# A service ranked with this share of the first choice's confidence is a question in its own
# right ("can I join a Finnish course?"), not who may join the one in context.
SERVICE_SHARE = 0.5


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EligibilityQuestionRule(NonTrainable):
    """A short question whether someone may take part ("а пенсионеров туда вообще берут?",
    "mina kotiaiti, ei tyo. saako mina tulla?") asks who the service in context is for, even
    when it states a situation: the classifier read the situation, or a price in "вообще",
    and the person got "thanks, noted" instead of an answer. A service ranked close ("can I
    join a Finnish course if I'm at home?") is the question asked, and stays (after an answer
    about another service, the action reads it in context: bot/actions/services.py); so does the
    classifier's guess when a small child is named ("voiko hän ottaa pienen lapsen mukaan?"
    asks about childcare)."""

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            text = text_as_read(message.get(TEXT) or "")
            if not _short_enough_to_ask_who_may(text):
                continue
            lowered = text.lower()
            if (
                not WHO_MAY_TAKE_PART.search(lowered)
                or A_SMALL_CHILD.search(without_life_at_home(lowered))
                or asks_about_childcare(lowered)
            ):
                continue  # "بقدر اجيب ابني معي؟": the son brought along, childcare
            topic = followup_topic(text, MAX_WORDS_OF_A_ONE_SENTENCE_ELIGIBILITY_QUESTION)
            if topic is not None and f"ask_{topic}" != ELIGIBILITY_INTENT:
                # Another detail asked in so many words: "направлення чи можна просто
                # прийти?" the referral, "kan man komma dit personligen?" where it is.
                continue
            if asks_about_a_language(text):
                continue  # "onks opetus suomeks vai voiko sen käydä englanniksi?": the language
            ranking = message.get(INTENT_RANKING_KEY) or []
            first = float(ranking[0].get("confidence") or 0.0) if ranking else 0.0
            # A first guess below `UNSURE` (a service: "pääseeks sinne vaikka en oo
            # työnhakija" read 0.15 as career guidance; or a no: "а я можу з нею разом туди
            # ходити…" 0.22, the S2 classes 0.16 behind) leaves no service a question of its
            # own unless the message names it. Who may take part, read so unsurely with
            # services close behind, may ask for them ("ya na pensii, kakie kursy mne mozhno").
            guessed = first < UNSURE and ranking[0].get("name") != ELIGIBILITY_INTENT
            if any(
                (service := catalogue.by_intent(r.get("name"))) is not None
                and float(r.get("confidence") or 0.0) >= SERVICE_SHARE * first
                and (not guessed or catalogue.names_service(service, text))
                for r in ranking[:3]
            ):
                continue
            force_intent(message, ELIGIBILITY_INTENT, FORCED_RIVALS_SHARE)
        return messages


def _short_enough_to_ask_who_may(text: str) -> bool:
    """Up to 12 words, or up to 16 in one sentence that ends with a question mark."""
    words = len(text.split())
    return words <= MAX_WORDS_OF_AN_ELIGIBILITY_QUESTION or (
        words <= MAX_WORDS_OF_A_ONE_SENTENCE_ELIGIBILITY_QUESTION
        and text.rstrip().endswith(("?", "؟"))
        and len(sentences(text)) == 1
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OffTopicRule(NonTrainable):
    """A message about the weather, a recipe, a home device, a sports result or the
    assistant's age in so many words (bot/off_topic.py) is `out_of_scope`, however the
    classifier read the words it shares with a service question; one that names a service
    is about the service."""

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        for message in messages:
            text = message.get(TEXT) or ""
            if not off_topic(text) or asks_for_a_person(text):
                continue
            # A language's name is no service here ("perintövero ruotsissa", "den svenska
            # deklarationen"): the Swedish course is named by more than "Swedish".
            if catalogue.services_named(without_language_names(text)):
                continue
            force_intent(message, OUT_OF_SCOPE, FORCED_RIVALS_SHARE)
        return messages


SWEDISH_SERVICE_INTENT = "ask_swedish_integration"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TaughtLanguageRule(NonTrainable):
    """Learning Finnish is not integrating in Swedish: a message that names Finnish and not
    Swedish ("Куда мне идти учить финский?") is not `ask_swedish_integration`, however close
    the classifier put the two language courses (the words "course" and "learn" they share
    weigh more in a long story than the one word that tells them apart)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            first_two = [r.get("name") for r in (message.get(INTENT_RANKING_KEY) or [])[:2]]
            if SWEDISH_SERVICE_INTENT not in first_two:
                continue
            named = named_languages(text_as_read(message.get(TEXT) or ""))
            if "fi" in named and "sv" not in named:
                demote_intent(message, SWEDISH_SERVICE_INTENT)
        return messages


TEACHING_LANGUAGE_INTENT = "ask_teaching_language"
# "Finnish or Swedish": a choice between languages.
_OR = re.compile(r"\b(?:or|tai|vai|eller|или|либо|чи|або)\b|(?:^|\s)(?:أو|او|ولا)(?=\s)|/")
# Learning one language instead of the other is the Swedish course ("can I learn Swedish
# instead of Finnish?").
_INSTEAD_OR_LEARNING = re.compile(
    r"\b(?:instead|rather|sijaan|asemesta|istället|hellre|вместо|замість|замiсть|learn\w*"
    r"|oppi\w*|opetella|lära mig|lära sig|выучить|учить (?:язык|шведский)|вивчити|вчити)\b"
    r"|بدل|اتعلم|أتعلم|تعلم"
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageChoiceRule(NonTrainable):
    """A question that weighs languages against each other ("does it have to be in Finnish or
    can it be Swedish?", "а учиться можно на русском или только финский/шведский?") asks in
    which language the service in context is given, not for the Swedish course: the word
    "Swedish" weighed more than the choice. Wanting to learn one instead of the other is the
    course."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != SWEDISH_SERVICE_INTENT:
                continue
            text = message.get(TEXT) or ""
            lowered = text.lower()
            if (
                len(named_languages(text)) >= 2
                and _OR.search(lowered)
                and not _INSTEAD_OR_LEARNING.search(lowered)
                and len(text.split()) <= MAX_WORDS_OF_A_LANGUAGE_CHOICE
            ):
                force_intent(message, TEACHING_LANGUAGE_INTENT, FORCED_RIVALS_SHARE)
        return messages


# A longer message tells more than which language.
MAX_WORDS_OF_A_LANGUAGE_CHOICE = 14


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PersonRequestRule(NonTrainable):
    """A request for a person in so many words ("can someone call me and explain?", "I need
    help filling this in", bot/person_requests.py) is `request_human`, whatever the
    classifier read: right after a service answer it takes "explain" for "tell me more" and
    "who can help me" for "who can take part", and the person never reaches the
    coordinator (docs/intents.md)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = text_as_read(message.get(TEXT) or "")
            if asks_for_a_person(text):
                # Also when the classifier put it first, but with "cancel" too close behind
                # for the fallback ("voisko joku soittaa mulle? en osaa täyttää tätä").
                force_intent(message, HANDOFF_INTENT, FORCED_RIVALS_SHARE)
            elif (message.get(INTENT) or {}).get("name") == HANDOFF_INTENT and (
                asks_about_the_assistant(text)
            ):
                # "ты живой человек или программа?" asks what the assistant is.
                demote_intent(message, HANDOFF_INTENT)
        return messages


FINNISH_COURSE = "integration_training"
CONVERSATION_GROUPS = "finnish_conversation_groups"
# People at home, retired or otherwise not job seekers (data/catalogue/target_groups.yml).
OUTSIDE_LABOUR_FORCE = "outside_labour_force"
# The group whose Finnish course comes with childcare (the S2 classes).
CHILDCARE_GROUP = OUTSIDE_LABOUR_FORCE
# Answers that a wish to learn Finnish does not replace: the person asked for someone, for a
# language, or about the service in context.
_NOT_REPLACED = frozenset(FOLLOWUP_INTENTS) | {HANDOFF_INTENT, "choose_language"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FinnishCourseRule(NonTrainable):
    """A message that states the person's group and wants or asks to learn Finnish ("Я сижу
    дома с сыном … Очень хочу наконец выучить финский … Есть что-нибудь для меня?", "мне
    нужен курс финского, я без работы и стою на учёте в TE") asks for the Finnish course of
    that group: the integration training, or what the catalogue offers instead for the group
    (the S2 classes with childcare for people outside the labour force). The classifier read
    the story around the wish: the shop where she gets lost as out of scope, the husband's
    job as Koski, the TE office as job-search help. A Finnish-learning service that serves the
    group and that the classifier is not unsure of (literacy training, conversation groups,
    the level test) stays, and so does a message calling another service by its name, not by
    a word of the story ("firma", "työkkäri"). Without a stated group, a wish read unsurely
    as another Finnish-learning service asks for the course ("وين في كورسات فنلندي؟" was the
    conversation groups at 0.34), whose answer says who provides it for which group. A wish
    to speak Finnish with people asks for the conversation groups, unless another service is
    called by its name; knowing no Finnish and asking nothing in particular ("Ja e hemma med
    vår tvååring och int kan ja nån finska alls. Finns det nåt för mej?") is a wish to learn
    it. Placed after `TargetGroupExtractor`, whose entity it reads."""

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        course = catalogue.services.get(FINNISH_COURSE)
        language_topic = catalogue.topic("language")
        if course is None or language_topic is None:
            return messages
        # The language topic's services that teach Finnish: all but the Swedish course.
        finnish_learning = {
            sid for sid in language_topic.services if f"ask_{sid}" != SWEDISH_SERVICE_INTENT
        }
        for message in messages:
            group = _stated_group(message)
            intent = (message.get(INTENT) or {}).get("name")
            text = text_as_read(message.get(TEXT) or "")
            speaks = wants_to_speak_finnish_with_people(text)
            # "ja vill prata med riktiga människor" read as asking for a person, not asked
            if intent in _NOT_REPLACED and not (speaks and _guessed_a_person(message, text)):
                continue
            if speaks:
                # Speaking it with people: the conversation groups, whatever the story
                # around it weighed ("I'm 67 and retired … I'd love to actually talk Finnish
                # with people" was job-search help, then career guidance for the group).
                if not any(
                    catalogue.calls_by_its_name(service, text)
                    for service in catalogue.services_named(text)
                    if service.id != CONVERSATION_GROUPS
                ):
                    force_intent(message, f"ask_{CONVERSATION_GROUPS}", FORCED_RIVALS_SHARE)
                continue
            wants = wants_to_learn_finnish(text) or (
                group is not None and knows_no_finnish_and_asks_vaguely(text)
            )
            if not wants or wants_to_speak_with_people(text):
                continue
            named = catalogue.services_named(text)
            if any(
                catalogue.calls_by_its_name(service, text)
                for service in named
                if service.id not in finnish_learning
            ):
                continue  # "… and the Kaikukortti?" asks for what it names
            asked = catalogue.by_intent(intent)
            if group is None and asks_about_childcare(text.lower()):
                # Children looked after meanwhile ("haluisin opiskella suomee ja lapset pitäis
                # olla jossain hoidossa sillä aikaa"): the course the catalogue offers with it.
                group = CHILDCARE_GROUP
            if group is None:
                if _unsure_which_finnish_service(
                    message, asked, finnish_learning, named
                ) or _another_service_not_named(catalogue, asked, finnish_learning, text):
                    force_intent(message, f"ask_{FINNISH_COURSE}", FORCED_RIVALS_SHARE)
                continue
            offered = course.for_group(group)
            if (
                asked is not None
                and asked.id in finnish_learning
                and asked.id != offered
                and asked.providers_for(group) is not None
                and intent_confidence(message) >= UNSURE
            ):
                continue
            if offered is not None:
                # Also the classifier's own reading, made certain: a story read 0.58 sure
                # would be read again by its parts (bot/story_reading.py), and its life
                # story ("Зареєструвався в TE-toimisto … роботу шукаю") asks for job search.
                force_intent(message, f"ask_{offered}", FORCED_RIVALS_SHARE)
        return messages


# Below this the classifier is not sure of the service it read: which of the Finnish-learning
# services a wish to learn Finnish is about ("وين في كورسات فنلندي؟": the conversation groups
# 0.34, the integration training 0.17, the S2 classes 0.16), or what a story asks in words of
# its own (`ServiceInOwnWordsRule`), or which of two services it names.
SURE_OF_A_SERVICE = 0.6


def _unsure_which_finnish_service(
    message: Message, asked: Service | None, finnish_learning: set[str], named: list[Service]
) -> bool:
    """Whether a wish to learn Finnish, with no group stated and no service named but the
    course, was read unsurely as one of the other Finnish-learning services: it then asks for
    the Finnish course, whose answer says who provides it for which group."""
    return (
        asked is not None
        and asked.id in finnish_learning
        and asked.id != FINNISH_COURSE
        and all(service.id == FINNISH_COURSE for service in named)
        and intent_confidence(message) < SURE_OF_A_SERVICE
    )


def _another_service_not_named(
    catalogue: Any, asked: Service | None, finnish_learning: set[str], text: str
) -> bool:
    """Whether a wish to learn Finnish, with no group stated, was read as a service that
    teaches no Finnish and that the message does not name by any word ("где финский учить?
    слышала про какой то коту-курс" was the civic orientation at 0.85): it asks for the
    Finnish course, whose answer says who provides it for which group. A wish to understand
    how the country works is the civic orientation's ("… haluisin ymmärtää miten täällä asiat
    toimii, lait ja tavat … Onks semmosta kurssia omalla kielellä?")."""
    return (
        asked is not None
        and asked.id not in finnish_learning
        and not catalogue.names_service(asked, text)
        and not asks_about_how_the_country_works(text)
    )


def _stated_group(message: Message) -> str | None:
    """The target group `TargetGroupExtractor` found in the message, if any."""
    return next(
        (
            str(e.get("value"))
            for e in message.get("entities") or []
            if e.get("entity") == "target_group"
        ),
        None,
    )


OWN_COURSE = "self_motivated_study"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OwnCourseRule(NonTrainable):
    """A course the person found or chose and asks to count ("нашел сам курс финского … могут
    засчитать вместо котоутумискоулутуса?", bot/nlu/own_course.py) asks for the self-motivated
    study, or what the catalogue offers instead for the group the message states; the
    classifier read the integration training or the plan the course would count in. A
    follow-up, a request for a person or a language switch stays. Placed after `FinnishCourseRule`:
    a wish to learn Finnish told with a course of one's own is this."""

    def process(self, messages: list[Message]) -> list[Message]:
        service = get_catalogue().services.get(OWN_COURSE)
        if service is None:
            return messages
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            if intent in _NOT_REPLACED or not (
                asks_to_count_a_course_of_ones_own(text_as_read(message.get(TEXT) or ""))
            ):
                continue
            offered = service.for_group(_stated_group(message))
            # Made certain also when read so already: an unsure reading of a story would be
            # read again by its question alone ("могут его засчитать вместо коту-курса?"),
            # which names only the course it would replace (bot/story_reading.py).
            if offered is not None:
                force_intent(message, f"ask_{offered}", FORCED_RIVALS_SHARE)
        return messages


class ServiceInOwnWordsRule(NonTrainable):
    """A situation and a question a service meets, said in words of its own (`asks`), asks for
    that service: the classifier read the story around it (`misread`, whatever their
    confidence), or nothing sure (below `SURE_OF_A_SERVICE`), or the service itself too close to
    another to be sure of. A sure reading of another service stays, and so do a reading of a
    service the message names, the intents in `kept` (but a request for a person guessed
    unsurely and not asked in words), and unsure readings in `kept_unsure`. With a `group`, only
    a message that states that group asks for it."""

    service: str
    misread: frozenset[str]
    kept: frozenset[str] = _NOT_REPLACED
    kept_unsure: frozenset[str] = frozenset()
    group: str | None = None

    @staticmethod
    def asks(text: str) -> bool:
        raise NotImplementedError

    def process(self, messages: list[Message]) -> list[Message]:
        catalogue = get_catalogue()
        wanted = f"ask_{self.service}"
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = text_as_read(message.get(TEXT) or "")
            kept = intent in self.kept and not _an_unsure_guess_of_a_person(message, text)
            if kept or (self.group and _stated_group(message) != self.group) or not self.asks(text):
                continue
            asked = catalogue.by_intent(intent)
            if (
                asked is not None
                and asked.id != self.service
                and catalogue.names_service(asked, text)
            ):
                continue  # "can Omnia help me find a job?"
            confidence = intent_confidence(message)
            if (
                intent in self.misread
                or intent == wanted
                or (confidence < SURE_OF_A_SERVICE and intent not in self.kept_unsure)
            ):
                force_intent(message, wanted, FORCED_RIVALS_SHARE)
        return messages


def _guessed_a_person(message: Message, text: str) -> bool:
    """Whether the classifier read a request for a person in a message that asks for none in
    words ("ja vill prata med riktiga människor": Finnish with people)."""
    return (message.get(INTENT) or {}).get("name") == HANDOFF_INTENT and not asks_for_a_person(text)


def _an_unsure_guess_of_a_person(message: Message, text: str) -> bool:
    """`_guessed_a_person`, unsurely ("сына на футбол куда-нибудь можно отдать?" at 0.26)."""
    return intent_confidence(message) < UNSURE and _guessed_a_person(message, text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class JobSearchRule(ServiceInOwnWordsRule):
    """A registered job seeker who asks who helps them find work ("anmäld på TE-byrån … Vem kan
    hjälpa mej att hitta jobb?", bot/nlu/job_search.py) asks for the employment services'
    job-search help (§5). Read as Omnia's competence centre, whose help with finding work the
    programme has not confirmed for Kauniainen's job seekers, as the person's status, or as who
    may take part ("… Кто мне может с этим помочь?"), it is replaced however sure; a sure
    reading of another service stays (Koski for a graduate)."""

    service = "job_search_help"
    misread = frozenset({"ask_omnia_competence_centre", INTENT_TARGET_GROUP, "ask_eligibility"})
    kept = _NOT_REPLACED - {"ask_eligibility"}
    asks = staticmethod(asks_for_job_search_help)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OwnBusinessRule(ServiceInOwnWordsRule):
    """A business of one's own to start, and who helps, where or how ("nu vill ja öppna en egen
    salong här. vem kan hjälpa mej med det?", bot/nlu/own_business.py), asks for the business
    advice (§5). Read as the guidance that tells where to go, the first assessment, career
    guidance ("my dream is to open small bakery … who can help me start?"), job-search help
    ("min fru funderar på att starta eget … vem kan hjälpa henne?"), the person's status or
    how to sign up ("ابي افتح مطعم صغير هني … منو يعطيني استشارة كيف ابدا؟" asks how to begin
    the business, not the service in context), it is replaced however sure; out of scope,
    even unsure, stays (a company abroad)."""

    service = "business_advice"
    misread = frozenset(
        {
            "ask_guidance_counselling",
            "ask_service_needs_assessment",
            "ask_career_guidance",
            "ask_job_search_help",
            "ask_signup",
            INTENT_TARGET_GROUP,
        }
    )
    kept = _NOT_REPLACED - {"ask_signup"}
    kept_unsure = frozenset({OUT_OF_SCOPE})
    asks = staticmethod(asks_about_starting_a_business)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CivicOrientationRule(ServiceInOwnWordsRule):
    """How the country works, its laws and customs, asked as a course or a wish to understand
    ("داير افهم البلد دي ماشة كيف، القوانين والعادات … في كورس زي ده بالعربي؟",
    bot/nlu/civic_orientation.py), asks for the multilingual civic orientation (§3). Read as the
    website translation for the language it names, it is replaced however sure; out of scope,
    even unsure, stays."""

    service = "civic_orientation"
    misread = frozenset({"ask_website_translation"})
    kept_unsure = frozenset({OUT_OF_SCOPE})
    asks = staticmethod(asks_about_how_the_country_works)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CareerGuidanceRule(ServiceInOwnWordsRule):
    """Someone outside the labour force who wants to (start or go back to) work and asks who
    advises, or what work ("Ja har vart hemma med barnen i fem år … Ja skulle vilja börja jobba
    men vet int vad ja kunde göra här. Vem kan ge mej råd?", bot/nlu/career_guidance.py), asks
    for Koto-Espoo's career guidance (§5). Read as the general guidance, the civic orientation,
    the services for families or their meeting place (the children in the story), the first
    assessment or the person's status, it is replaced however sure; a sure reading of another
    service stays (a business of one's own, Koski for a graduate). Placed after
    `TargetGroupExtractor`, whose entity it reads."""

    service = "career_guidance"
    misread = frozenset(
        {
            "ask_guidance_counselling",
            "ask_civic_orientation",
            "ask_family_services",
            "ask_perhesoppa",
            "ask_service_needs_assessment",
            INTENT_TARGET_GROUP,
        }
    )
    kept_unsure = frozenset({OUT_OF_SCOPE})
    group = OUTSIDE_LABOUR_FORCE
    asks = staticmethod(asks_how_to_start_working)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LiteracyRule(ServiceInOwnWordsRule):
    """Someone who cannot read or write ("مرتي ما بتعرف تقرا ولا تكتب، لا عربي ولا انجليزي. في
    شي بيعلمها؟", bot/nlu/literacy.py) asks for the literacy training (§5, §4). Read as a
    switch to the languages the person cannot read, or as the person's status, it is replaced
    however sure; a sure reading of another service stays (the city's website that one cannot
    read, the S2 classes), and so does out of scope, even unsure."""

    service = "literacy_training"
    misread = frozenset({"choose_language", INTENT_TARGET_GROUP})
    kept = _NOT_REPLACED - {"choose_language"}
    kept_unsure = frozenset({OUT_OF_SCOPE})
    asks = staticmethod(cannot_read_or_write)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CultureCardRule(ServiceInOwnWordsRule):
    """A concert, the theatre or a museum on little money ("… käydä koko perhe konsertissa tai
    teatterissa mut liput on kalliita. Onko mitään apua tällaseen?", bot/nlu/culture_card.py)
    asks for the Kaikukortti (§5). Read as the family's meeting place, the services for
    families, the guidance service or the person's status, it is replaced however sure (the
    family at home read 0.64 as Perhesoppa); out of scope, even unsure, stays."""

    service = "kaikukortti"
    misread = frozenset(
        {
            "ask_perhesoppa",
            "ask_family_services",
            "ask_guidance_counselling",
            INTENT_TARGET_GROUP,
        }
    )
    kept_unsure = frozenset({OUT_OF_SCOPE})
    asks = staticmethod(asks_for_cheap_culture)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ChildrensActivitiesRule(ServiceInOwnWordsRule):
    """A child's school, sport or hobby ("entäs koulu, poika on 8", "hobby for the kids, like
    football or swimming?", bot/nlu/children_activities.py) asks for the city's services for
    families (§5). Read as childcare during a lesson, signing up to the service in context or
    where it is ("vår dotter … behöver dagisplats. vart ska vi vända oss?"), it is replaced
    however sure, and so is any other follow-up read unsurely; a child looked
    after while the parent studies is childcare ("кружок для детей пока мама учит финский"),
    and out of scope, even unsure, stays (a football match, a phone for a son), unless a club
    or hobby for the child, or a school or daycare to sign the child up for, is asked."""

    service = "family_services"
    misread = frozenset({"ask_childcare", "ask_signup", "ask_location"})
    kept = frozenset({HANDOFF_INTENT, "choose_language"})
    kept_unsure = frozenset({OUT_OF_SCOPE})
    asks = staticmethod(asks_about_a_childs_school_or_hobby)

    def process(self, messages: list[Message]) -> list[Message]:
        # A club or hobby for the child asked in so many words is no decline, however sure
        # ("do you know some football club for kids?": the sport weighed); nor is a school or
        # daycare to sign the child up for ("… البنت لازم تفوت عالمدرسه … وين لازم نسجلهم؟").
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != OUT_OF_SCOPE:
                continue  # read only a decline's words: the parent class reads every message
            text = text_as_read(message.get(TEXT) or "")
            if asks_for_a_childs_club_or_hobby(text) or asks_to_sign_a_child_up(text):
                force_intent(message, f"ask_{self.service}", FORCED_RIVALS_SHARE)
        return super().process(messages)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FirstStepsRule(ServiceInOwnWordsRule):
    """Where to start, or what to do first ("من وين ابدأ؟", "where do we start?",
    bot/nlu/first_steps.py), asks for the service needs assessment, the programme's first step
    (§4). Read as where a service is or when, it is replaced however sure ("من وين ابدأ؟" was
    `ask_location` at 1.00), and as signing up only when read unsurely; out of scope, even
    unsure, stays."""

    service = "service_needs_assessment"
    misread = frozenset({"ask_location", "ask_schedule"})
    # How to sign up, read unsurely, gives way too ("ok nvm. what do i do first?" at 0.36);
    # read surely, it asks how to start a course in context ("mistä mun kannattaa aloittaa?").
    kept = _NOT_REPLACED - misread - {"ask_signup"}
    kept_unsure = frozenset({OUT_OF_SCOPE})
    asks = staticmethod(asks_where_to_start)
