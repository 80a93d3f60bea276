"""The Probability & statistics pillar: coin flips, expected value, distributions, Bayes, MLE."""

from mathviz.topics.probability import bayes, coin_flips, distributions, expected_value, mle

TOPICS = (coin_flips.TOPIC, expected_value.TOPIC, distributions.TOPIC, bayes.TOPIC, mle.TOPIC)
