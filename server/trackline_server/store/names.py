"""Readable random run names such as ``brave-otter-417``."""

from __future__ import annotations

import random

_ADJECTIVES = (
    "amber agile bold brave bright calm clever crisp curious daring eager fair fancy fast fierce gentle "
    "glad grand happy honest humble jolly keen kind lively loyal lucky merry mighty modest neat noble "
    "polite proud quick quiet rapid rare silent sleek smart steady sunny swift tidy vivid warm wise witty"
).split()
_ANIMALS = (
    "ant bat bear bee bison boar cat crab crane crow deer dove duck eagle eel elk falcon finch fox frog "
    "gecko goat hare hawk heron horse ibis jay koala lark lemur lion lynx mole moose moth newt owl otter "
    "panda pike puma quail ram raven robin seal shark sheep skunk slug snail swan tiger toad trout wasp "
    "whale wolf wren yak zebra"
).split()

_rng = random.SystemRandom()


def random_run_name() -> str:
    return f"{_rng.choice(_ADJECTIVES)}-{_rng.choice(_ANIMALS)}-{_rng.randint(0, 999)}"
