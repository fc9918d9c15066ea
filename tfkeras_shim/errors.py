"""tf.errors namespace."""
from .framework.errors import *  # noqa: F401,F403
from .framework.errors import (OpError, CancelledError, UnknownError, InvalidArgumentError,  # noqa: F401
                               DeadlineExceededError, NotFoundError, AlreadyExistsError,
                               PermissionDeniedError, ResourceExhaustedError,
                               FailedPreconditionError, AbortedError, OutOfRangeError,
                               UnimplementedError, InternalError, UnavailableError, DataLossError,
                               UnauthenticatedError)
