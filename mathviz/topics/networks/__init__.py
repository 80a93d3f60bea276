"""The Neural networks pillar: least squares and SGD, backpropagation, training."""

from mathviz.topics.networks import backprop, least_squares, training

TOPICS = (least_squares.TOPIC, backprop.TOPIC, training.TOPIC)
