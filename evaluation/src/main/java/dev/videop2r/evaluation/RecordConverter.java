package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one raw annotation record into a {@link LoadEvent.Loaded} item or, for a record outside the
 * evaluated subset, a {@link LoadEvent.Excluded}. Throws {@link MalformedRecordException} for bad records.
 */
interface RecordConverter {
  LoadEvent convert(JsonNode record, String location);
}
