"""The Calculus pillar: the derivative, critical points, the chain rule and the integral."""

from mathviz.topics.calculus import chain_rule, critical_points, derivative, integral

TOPICS = (derivative.TOPIC, critical_points.TOPIC, chain_rule.TOPIC, integral.TOPIC)
