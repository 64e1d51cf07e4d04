"""Types every API resource shares: ids, versions, bounded text, timestamps, a person, the error body."""
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from ..models.base import aware

INT32 = 2147483647

Id = Annotated[int, Field(ge=1, le=INT32)]
Version = Annotated[int, Field(ge=1, le=INT32, description="记录的版本号（乐观锁）")]


def bounded(max_length: int, min_length: int = 0, **kw):
    """Text with the same limits as the web form (review_app.limits)."""
    return Annotated[str, Field(max_length=max_length, min_length=min_length, **kw)]


# RFC 3339 with an offset, from either database.
Timestamp = Annotated[datetime, PlainSerializer(lambda at: aware(at).isoformat(), return_type=str, when_used="json")]


class Request(BaseModel):
    """A request body: strict JSON (no "1" for 1, no true for 1), and no field the API does not know."""
    model_config = ConfigDict(extra="forbid", strict=True)


class Query(BaseModel):
    """A query string: values arrive as text and are converted (lax), unknown parameters are ignored."""
    model_config = ConfigDict(extra="ignore")


class Resource(BaseModel):
    """A response body, built from the rows by the resource's own `of(...)`."""
    model_config = ConfigDict(from_attributes=True)


class PersonRef(Resource):
    id: int
    display_name: str


class ErrorDetail(BaseModel):
    code: int
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail
