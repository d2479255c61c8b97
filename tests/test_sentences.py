"""The sentence splitter: a full stop after the abbreviation of a settlement's or a street's kind
does not end the sentence; one after an ordinary word does."""

import pytest

from orchestration.claims.sentences import split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "В Белгородском районе поврежден дом в пос. Разумное.",
        "Ночью дрон атаковал х. Ленинский в Курской области.",
        "Уламки впали у мкр. Північний, пошкоджено гараж.",
        "Обстрелу подвергся сел. Бессоновка Белгородского района.",
        "Поранено чоловіка в с. Хотінь на Сумщині.",
        "Дрон вдарив по автомобілю на вул. Шевченка в Херсоні.",
    ],
)
def test_the_abbreviation_of_a_place_kind_does_not_end_the_sentence(text):
    assert [s.text for s in split_sentences(text)] == [text]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Дрон атаковал поселок. Пострадал мужчина.", 2),
        ("Уламки впали на село. Пошкоджено будинок.", 2),
        ("A drone hit a farm in the village. Two people were hurt.", 2),
    ],
)
def test_a_full_stop_after_a_word_ends_the_sentence(text, count):
    assert len(split_sentences(text)) == count
