"""Indirect requests for a person, in so many words, in the six languages.

"Can someone call me and explain?", "is there a real person?", "I need help filling this in":
the newcomer asks for the coordinator without naming one. Right after a service answer the
classifier reads such a message as a follow-up about the service ("explain" as "tell me
more", "who can help" as "who can take part"), and the person never reaches a human. These
phrases say it unambiguously: someone to call, e-mail, contact or sit down with *me*, a living
person, help with filling in a form or with papers (not with a CV or a job application: that is
Omnia's competence centre; nor with a business's papers: that is the business advice). A call
to someone else ("call my brother") is none.
"""

from __future__ import annotations

import re

# Lower-cased message; diacritics optional where newcomers drop them.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "fi": (
        r"\b(?:joku|jonkun|kukaan|ihminen|ihmisen|henkil[öo]|virkailija)\b.{0,40}"
        r"\b(?:soitta\w*|soittais\w*|ottaa? yhteytt[äa]|ottais\w* yhteytt[äa])",
        r"\bsoit(?:a|akaa|atko|taisitko|taisko|tais)\b.{0,15}\b(?:mulle|minulle)\b",
        r"\b(?:lai[tt]\w*|lähet\w*|lähett\w*|kirjoit\w*)\b.{0,10}\b(?:mulle|minulle)"
        r"\b.{0,15}\b(?:sähköpost\w*|s-post\w*|meili\w*|maili\w*)",
        # "onks täällä ketään oikeeta ihmistä?": the partitive, as spoken
        r"\b(?:oikea|oikean|oikeaa|oikeeta|oikeata|elävä|elävän|elävää|elava|elavan|elavaa)"
        r" (?:ihminen|ihmisen|ihmist[äa]|henkil)",
        r"\bpuhu\w* (?:jonkun |oikean )?(?:ihmisen|henkil[öo]n|virkailijan) kanssa",
        r"\b(?:apua|auttaa|avuksi|apu)\b.{0,30}\bt[äa]ytt[äa](?:m[äa][äa]n|misess[äa]|minen)",
        r"\bt[äa]ytt[äa](?:m[äa][äa]n|misess[äa]|minen)\b.{0,30}\b(?:apua|auttaa|auttais)",
    ),
    "sv": (
        r"\b(?:någon|nån|nagon|en människa|en person|handläggare)\b.{0,40}"
        r"\b(?:ring(?:a|er)?|kontakta|höra av sig|hora av sig|träffa|traffa)\b.{0,20}"
        r"\b(?:mig|mej|oss)\b",
        r"\bring(?:a)? (?:upp )?(?:mig|mej)\b",
        r"\b(?:mejla|maila|e-posta)(?:r)? (?:mig|mej)\b|\bskicka (?:ett )?(?:mejl|mail|e-post)"
        r" till (?:mig|mej)\b",
        r"\b(?:riktig|levande|verklig) (?:människa|person|manniska)",
        # "finns det en människa ja kunde prata me?": a human, not a person who does something
        r"\bfinns (?:det )?(?:en |nån |någon |nagon )?(?:människa|manniska|människor)\b"
        r"|\b(?:prata|tala) (?:me|med) (?:en |nån |någon |nagon )?(?:människa|manniska)\b",
        r"\bhjälp\w*\b.{0,30}\bfylla i\b|\bfylla i\b.{0,30}\bhjälp",
        r"\bsitta (?:ner )?med (?:någon|nån|nagon|en person|en handläggare)\b",
    ),
    "en": (
        r"\b(?:someone|somebody|anyone|anybody|a person|a human|a staff)\b.{0,40}"
        r"\b(?:call|phone|ring|contact|email|e-mail|text|get back to|meet)\b.{0,10}\b(?:me|us)\b",
        r"\b(?:call|phone|ring) me\b(?! a)",
        r"\b(?:e-?mail|write to) me\b|\bsend me an e-?mail\b|\bcontact me by e-?mail\b",
        # Not real people to speak Finnish with: the conversation groups ("where can i
        # practise talking finnish with real people?").
        r"^(?!.*\b(?:practi[cs]\w*|talk\w*|speak\w*|chat\w*) (?:in )?(?:finnish|swedish)\b).*"
        r"\b(?:real|actual|live|living) (?:person|human|people)\b(?! in (?:finnish|swedish))"
        r"|\bhuman being\b"
        r"|\b(?:talk|speak|chat) (?:to|with) (?:a |an )?(?:human|person)\b"
        r"|\ba human\b.{0,20}\b(?:talk|speak|chat)\b"
        r"|\b(?:is there|are there|any|i want|i need|i'd like|get me) (?:a |an |some )?humans?\b"
        r"(?! rights)",
        r"\bhelp\w*\b.{0,30}\b(?:fill|filling|complete|completing)\b"
        r"|\b(?:fill|filling) (?:it |this |them |the \w+ )?(?:in|out)\b.{0,30}\bhelp",
    ),
    "ar": (
        r"(?:يتصل|تتصل|يتصلوا|تتصلوا|يتواصل|تتواصل|يرن|يدق)\S*\s+"
        r"(?:بي|فيني|فيي|علي|عليا|عليّ|معي|معاي|معايا|علينا|فينا|معنا|معانا)(?:\s|$|[؟?.,!،])",
        r"(?:اتصلوا|اتصل|تواصلوا)\s*(?:بي|فيني|معي|معاي|علي)|كلموني|يكلمني|يكلموني",
        r"(?:ابعتلي|ابعثلي|ابعتولي|راسلني|راسلوني|ارسلي|ارسلولي|أرسلوا لي|ارسلوا لي)\s*(?:\S+\s+)?"
        r"(?:ايميل|إيميل|الايميل|الإيميل|بريد|البريد|رسالة)",
        r"(?:شخص|انسان|إنسان|بني آدم|موظف) (?:حقيقي|حي|بشري)",
        # not "ما بعرف احكي مع حدا" (I can't talk with anyone: I know no Finnish)
        r"(?<!ما بعرف )(?<!ما بقدر )(?<!ما اعرف )(?<!ما أعرف )(?<!مش عارف )(?<!مش عارفة )"
        r"(?:احكي|أحكي|اتكلم|أتكلم|اتحدث|أتحدث) (?:مع|ويا|وياه) (?:شخص|انسان|إنسان|موظف|حدا|أحد)",
        # "في حدا يساعدني بتعبايتها؟" (Levantine "تعباية", filling in)
        r"(?:مساعد|ساعد|يساعد|تساعد)\S*.{0,30}(?:تعبئة|تعبية|تعباي|اعبي|أعبي|املا|أملأ|املى|عبّي"
        r"|(?:^|\s)عبي)",
        r"(?:تعبئة|تعبية|اعبي|أعبي|املا|أملأ)\S*.{0,30}(?:مساعد|ساعد|يساعد)",
        # and Sudanese "زول" ("في زول ممكن يقعد معاي ويساعدني فيها؟")
        r"(?:حدا|أحد|احد|حد|زول|شخص)\s.{0,30}(?:يقعد|يجلس|يقعدوا) (?:معي|معاي|معايا|وياي|ويايا)",
        r"(?:حدا|أحد|احد|حد|شخص)\s.{0,40}(?:يعبي|يعبّي|يعبيلي|يملا|يملى|يملأ)",
        # someone to send me an e-mail ("في حدا من عندكم يقدر يبعتلي ايميل؟", "فيك تخلي
        # المنسقة تبعتلي ايميل؟")
        r"(?:يبعتلي|تبعتلي|يبعثلي|تبعثلي|يرسلي|ترسلي|يبعت لي|يرسل لي|يبعتولي)"
        r" (?:ايميل|إيميل|رسالة|مسج|ميل)",
        # someone ("زول", Sudanese) to call me or to talk with on the phone: "ممكن زول يضرب
        # لي تلفون؟", "اكو احد اكدر احجي وياه بالتلفون؟" (Iraqi); not someone to talk with,
        # which may be to speak Finnish ("ما عندي حدا احكي معه فنلندي")
        r"(?:يضرب|يضربلي|يدق|يدقلي|يرن|يرنلي)\s*(?:لي|لى|ليا|علي|عليا)?\s*"
        r"(?:تلفون|تليفون|تلفن|التلفون|التليفون)",
        r"(?:حدا|أحد|احد|حد|زول|شخص|موظف|واحد)\s.{0,40}"
        r"(?:بالتلفون|بالتليفون|بالتلفن|عالتلفون|على التلفون|بالهاتف|على الهاتف)",
    ),
    "ru": (
        r"(?:кто-нибудь|кто-то|кто нибудь|кто то|кто-либо|человек|сотрудник|специалист)"
        r".{0,40}(?:позвон|перезвон|связаться со мной|связался со мной|свяжется со мной"
        r"|разобрать\w* со мной|со мной разобра|встрет\w* со мной|со мной \w*\s?встрет)"
        r"|со мной (?:кто-нибудь|кто-то|кто нибудь|кто то) (?:встрет|связал|разобрал)",
        r"(?:напишите|напиши|написать|напишут) мне (?:\w+ )?(?:на (?:почту|имейл|емейл|мейл|email"
        r"|e-mail)|по (?:почте|email|e-mail)|письмо)",
        r"(?:позвоните|перезвоните|наберите|позвонить|перезвонить|позвонили) мне"
        r"|мне (?:позвонить|перезвонить|позвонит|позвонят|перезвонит|позвонили|перезвонили)",
        r"(?:живой|живого|живым|настоящий|настоящим|реальный|реальным) (?:человек|сотрудник)"
        r"|(?:есть|нужен) (?:кто-нибудь |кто-то )?живой",
        r"(?:помо[гчщ]|помощь)\w*.{0,30}заполн|заполн\w*.{0,30}(?:помо[гчщ]|помощь)",
        # "можно чтоб мне кто-то помог с ними?": someone to help me
        r"\bчтобы? (?:мне )?(?:кто-то|кто-нибудь|кто нибудь|кто то) (?:\w+ )?помог",
        # someone to sit down with me over them ("кто бы мог со мной сесть")
        r"\bсо мной (?:сесть|посидеть)\b|\b(?:сесть|посидеть) со мной\b",
    ),
    "uk": (
        r"(?:хтось|хто-небудь|хто небудь|хто-то|людина|працівник|фахівець|спеціаліст)"
        r".{0,40}(?:зателефон|подзвон|передзвон|зв['’]язатися зі мною|зв['’]яжеться зі мною"
        r"|розібратися зі мною|зі мною розібра|зі мною зв['’]яза|зустрі\w* зі мною"
        r"|зі мною \w*\s?зустрі)|зі мною (?:хтось|хто-небудь) (?:зустрі|зв['’]яза|розібра)",
        r"(?:напишіть|напиши|написати|напишуть) мені (?:\w+ )?(?:на (?:пошту|імейл|емейл|мейл|email"
        r"|e-mail)|поштою|лист)",
        r"(?:зателефонуйте|подзвоніть|передзвоніть|зателефонувати|подзвонити|передзвонити)"
        r" мені|мені (?:зателефонувати|подзвонити|передзвонити|зателефонує|подзвонить)",
        r"(?:жива|живою|живої|справжня|справжньою|реальна|реальною) (?:людина|людиною|людини)"
        r"|(?:є|потрібен|потрібна) (?:хтось )?жив(?:ий|а)",
        r"(?:допом[оі][гж]|допомог)\w*.{0,30}заповн|заповн\w*.{0,30}(?:допом[оі][гж]|допомог)",
        r"\bщоб (?:мені )?(?:хтось|хто-небудь) (?:\w+ )?допоміг",
        # someone to sit down with me over them ("хто б міг зі мною сісти і пройтись по них?")
        r"\bзі мною (?:сісти|посидіти)\b|\b(?:сісти|посидіти) зі мною\b",
        # to talk with someone on the phone ("можна з кимось поговорити телефоном?")
        r"\bз (?:кимось|людиною)\b.{0,20}\b(?:поговорити|розмовляти)\b.{0,15}\bтелефон\w*"
        r"|\b(?:поговорити|розмовляти)\b (?:з (?:кимось|людиною) )?(?:по )?телефону? з (?:кимось"
        r"|людиною)\b|\b(?:поговорити|розмовляти) з (?:кимось|людиною) (?:по )?телефон\w*",
    ),
}
# Help with papers or a form: a request for a person, unless the papers are a business's
# ("مين بيساعدها بالاوراق والتأسيس؟" for a beauty salon asks for the business advice).
_PAPERS_PATTERNS: dict[str, tuple[str, ...]] = {
    "fi": (
        r"\b(?:apua|auttaa|auttais\w*|avuksi)\b.{0,40}\b(?:paper\w*|lomak\w*|kaavak\w*)"
        r"|\b(?:paper\w*|lomak\w*|kaavak\w*)\b.{0,40}\b(?:apua|auttaa|auttais\w*|avuksi)\b",
    ),
    "sv": (
        r"\bhjälp\w*\b.{0,40}\b(?:papper\w*|blankett\w*)|\b(?:papper\w*|blankett\w*).{0,40}\bhjälp",
    ),
    "en": (
        r"\bhelp\w*\b.{0,40}\b(?:paperwork|papers|forms?|documents)\b"
        r"|\b(?:paperwork|papers|forms?|documents)\b.{0,40}\bhelp",
    ),
    "ar": (
        r"(?:مساعد|ساعد|يساعد|تساعد)\S*.{0,40}(?:الاوراق|الأوراق|اوراق|أوراق|الورق|استمار|النموذج)",
    ),
    "ru": (
        r"(?:помо[гчщж]|помощь)\w*.{0,40}(?:бумаг|документ|анкет|бланк)"
        r"|(?:бумаг|документ|анкет|бланк)\w*.{0,40}(?:помо[гчщж]|помощь)",
    ),
    "uk": (
        r"(?:допом[оі][гж]|допомог)\w*.{0,40}(?:папер|документ|анкет|бланк)"
        r"|(?:папер|документ|анкет|бланк)\w*.{0,40}(?:допом[оі][гж]|допомог)",
    ),
}
_FOR_A_BUSINESS = re.compile(
    r"\b(?:yritys|yrityks\w*|yritt[äa]j\w*|toiminim\w*|företag\w*|firma\w*|company|business"
    r"|firm|start-?up|self-employed"
    # a shop or salon to open ("I want to open small barbershop here too … the rules and
    # papers", "بدي افتح محل صغير … مين بساعدني بالاوراق")
    r"|shop|salon|barbershop|restaurant|bakery|kampaamo\w*"
    r"|parturi\w*|liike|liikkeen|salong\w*|butik\w*|frisörsalong\w*|салон\w*|магазин\w*"
    r"|кафе|парикмахерск\w*|перукарн\w*)\b|تأسيس|التأسيس|تاسيس|التاسيس|شركة|شركه|مشروع|مشروعي"
    r"|(?:^|\s)(?:ال)?(?:محل|صالون|دكان)(?=\s|$|[؟?،,.])"
    r"|бизнес|бізнес|фирм|фірм|компани|компані|\bип\b|\bфоп\b|сво[её] дело|свою справу",
    re.IGNORECASE,
)


def _compiled(patterns: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for group in patterns.values() for p in group)


_COMPILED = _compiled(_PATTERNS)
_COMPILED_PAPERS = _compiled(_PAPERS_PATTERNS)
# "Are you a real person?" asks about the assistant: small talk, not a request.
_ABOUT_THE_ASSISTANT = re.compile(
    r"\b(?:are you|r u|oletko|ootko|är du|e du)\b"
    r"|(?:^|\s)(?:ты|ти|вы|ви) (?:\w+ ){0,2}(?:бот|чи|или)|هل انت|هل أنت|انت انسان|أنت إنسان|إنت"
    # "с тобой правда человек переписывается или программа?"
    r"|\b(?:человек|людина)\b.{0,30}\b(?:или|чи) (?:программа|програма|бот)\b",
    re.IGNORECASE,
)


# "I don't want anyone to call me": the words, declined.
_DECLINED = re.compile(
    r"\b(?:don't|dont|do not|no need|never) (?:want|need|call|to call)|\bno one\b|\bnobody\b"
    r"|\b(?:en halua|ei tarvi\w*|älä soita|ala soita)\b|\b(?:vill inte|behöver inte|ring inte)\b"
    r"|не (?:надо|нужно|хочу|звоните|треба|потрібно|дзвоніть)|ніхто|никто"
    r"|لا (?:أريد|اريد|تتصل)|ما بدي|مش عايز|مش محتاج|ما ابي|ما أبي",
    re.IGNORECASE,
)


def asks_about_the_assistant(text: str) -> bool:
    """Whether the message asks whether the assistant is a person ("ты живой человек или
    программа?"): small talk, not a request for one."""
    return bool(_ABOUT_THE_ASSISTANT.search(text.lower()))


def asks_for_a_person(text: str) -> bool:
    """Whether the message asks, in so many words, for a person to call, contact or help
    them, or for help filling in a form or with papers."""
    lowered = text.lower()
    if _DECLINED.search(lowered):
        return False
    # A question about the assistant asks nothing of a person; a sentence after it may ("e du
    # en robot? finns det en människa ja kunde prata me istället").
    asked = " . ".join(
        part for part in _SENTENCE_END.split(lowered) if not asks_about_the_assistant(part)
    )
    if any(pattern.search(asked) for pattern in _COMPILED):
        return True
    return any(p.search(asked) for p in _COMPILED_PAPERS) and not _FOR_A_BUSINESS.search(lowered)


_SENTENCE_END = re.compile(r"[.?!؟]+")
