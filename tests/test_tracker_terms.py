"""Terms of art as one word (terms_of_art.py): a later report's other wording of a term holds the
term's weight, one word of a term alone does not."""

from assistant.history.tracker import share
from assistant.keyword import tokenize
from assistant.terms_of_art import TOKEN, term_words, terms_named, unify

STAYING_PUT = "An effective staying put policy lets more young people live with their former foster carers"


def _weights(text: str) -> dict[str, float]:
    return {w: 1.0 for w in tokenize(text)}


def test_a_term_in_other_words_holds_the_terms_weight():
    matter = unify(STAYING_PUT, _weights(STAYING_PUT))
    assert not {"stay", "put"} & matter.keys()  # merged into the term's token...
    term = next(k for k in matter if k.startswith(TOKEN))
    assert matter[term] == 2.0  # ...which weighs what they weighed
    later = term_words("Increasing numbers of young people remain living with their foster families after 18.")
    plain = frozenset(tokenize("Increasing numbers of young people remain living with their foster families after 18."))
    assert term in later and share(matter, later) > share(matter, plain)


def test_one_word_of_a_term_is_not_the_term():
    text = "Ensure that children looked after have an independent visitor"
    matter = unify(text, _weights(text))
    iro = term_words("Independent reviewing officers challenge plans well.")
    assert "independent" not in matter and not any(k in iro for k in matter if k.startswith(TOKEN))


def test_populations_are_not_merged():
    text = "The quality of pathway plans for care leavers"
    assert unify(text, _weights(text)) == _weights(text)  # whom the item is about, not a term of it
    assert not any(w.startswith(TOKEN) for w in term_words(text))


def test_local_names_of_the_front_door():
    assert terms_named("children referred to MARAT") == terms_named("the front door")
