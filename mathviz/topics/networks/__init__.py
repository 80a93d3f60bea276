"""The Neural networks pillar: least squares and SGD."""

from mathviz.topics.networks import least_squares

TOPICS = (least_squares.TOPIC,)
