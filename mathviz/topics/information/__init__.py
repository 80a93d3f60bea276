"""The Information theory pillar: the guessing game, entropy, and cross-entropy with KL."""

from mathviz.topics.information import cross_entropy, entropy, guessing_game

TOPICS = (guessing_game.TOPIC, entropy.TOPIC, cross_entropy.TOPIC)
