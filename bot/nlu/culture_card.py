"""Culture on little money: the Kaikukortti.

"Meillä on rahat tiukalla … Haluttais joskus käydä koko perhe konsertissa tai teatterissa mut
liput on kalliita. Onko mitään apua tällaseen?": the catalogue's answer is the Kaikukortti, the
card with which people on low incomes get into culture events and courses (§5). The classifier
read the family at home around it (the parish's Perhesoppa). These words say it in the six
languages: a concert, the theatre, a museum or the like, and money short or a cheaper way in;
or culture in general and money short. Every one of the 150 messages with such words in the
development sets (80 turns) and the training data (70 examples) asks for the card.
"""

from __future__ import annotations

from bot.nlu.wording import as_read, compiled

_PLACES = (
    r"\b(?:konsert\w*|teatter\w*|teater\w*|museo\w*|museu\w*|museum\w*|elokuv\w*|leffa\w*"
    r"|bio\b|cinema|movies|operas?|oopper\w*|concert\w*|theat\w*|gigs?"
    r"|концерт\w*|театр\w*|музе\w*|кино|кіно|опер[аиуы]\w*)\b"
    r"|مسرح|المسرح|متحف|متاحف|المتاحف|حفلات|الحفلات|حفلة موسيقية|سينما|السينما"
)
_CULTURE = r"\b(?:kulttuur\w*|kultur\w*|cultur\w*|культур\w*)\b|ثقاف"
_MONEY_SHORT = (
    r"\b(?:kallii?\w*|kalliita|(?:raha|rahat|rahaa) (?:\w+ )?(?:tiuk\w*|vähän|ei riitä)"
    r"|pienituloi\w*|vähävarai\w*|ei (?:oo|ole) varaa"
    r"|dyr\w*|ont om pengar|(?:lite|knappt med|rätt lite) pengar|låg (?:inkomst|lön)"
    r"|pengarna räcker"
    r"|expensive|(?:can'?t|cannot|couldn'?t) afford|low (?:income|salary|pension)"
    r"|(?:pension|salary|income) is (?:\w+ )?(?:low|small)"
    r"|(?:little|less|no) money|money is (?:\w+ )?tight|poor"
    r"|дорог\w*|денег (?:\w+ )?(?:мало|нет|впритык|не хватает)|мало денег|малоимущ\w*"
    r"|пенси\w* (?:\w+ )?маленьк\w*"
    r"|грошей (?:\w+ )?(?:мало|нема|обмаль|не вистачає|ледве)|мало грошей|малозабезпеч\w*)\b"
    r"|غالي|غالية|غاليه|مصاري|فلوس قليل|الفلوس قليل|دخل محدود|دخلنا قليل|راتب\S* قليل"
    r"|معاش\S* (?:قليل|ما بيكفي)|ما بيكفي|ما يكفي"
)
_CHEAPER = (
    r"\b(?:halpa\w*|halvemma\w*|halvalla|alennu\w*|billig\w*|rabatt\w*|cheap\w*|discount\w*"
    r"|дешевле|подешевле|скидк\w*|дешевше|знижк\w*)\b"
    r"|رخيص|ارخص|أرخص|تخفيض|خصم"
)
_PLACE, _CULTURE_WORD, _SHORT, _CHEAP = compiled(_PLACES, _CULTURE, _MONEY_SHORT, _CHEAPER)


def asks_for_cheap_culture(text: str) -> bool:
    """Whether the message speaks of a concert, the theatre, a museum or the like and of money
    short or a cheaper way in, or of culture and money short ("liput on kalliita", "ont om
    pengar … museum"); not "is the museum open on Mondays?"."""
    lowered = as_read(text)
    if _SHORT.search(lowered):
        return bool(_PLACE.search(lowered) or _CULTURE_WORD.search(lowered))
    return bool(_CHEAP.search(lowered) and _PLACE.search(lowered))
