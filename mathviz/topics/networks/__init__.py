"""The Neural networks pillar: least squares and SGD, backpropagation."""

from mathviz.topics.networks import backprop, least_squares

TOPICS = (least_squares.TOPIC, backprop.TOPIC)
