"""The Multivariable calculus pillar: the gradient, descent, the Jacobian and the Hessian."""

from mathviz.topics.multivariable import gradient, gradient_descent, hessian, jacobian

TOPICS = (gradient.TOPIC, gradient_descent.TOPIC, jacobian.TOPIC, hessian.TOPIC)
