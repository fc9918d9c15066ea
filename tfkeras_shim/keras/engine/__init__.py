"""The Keras engine on torch.

layer.py        Layer (nn.Module), KerasVariable, DTypePolicy, the call path (__call__)
input_spec.py   InputSpec and Keras's input compatibility errors
keras_tensor.py KerasTensor, Node, keras.Input, InputLayer
functional.py   symbolic calls (shape inference by placeholder runs), Functional models
sequential.py   Sequential
model.py        Model (subclassing API; Model(inputs, outputs) -> Functional; Trainer hook)
seed_generator.py  keras.random.SeedGenerator state used by Dropout
"""
