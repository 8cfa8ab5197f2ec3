package dev.videop2r.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one raw annotation record into an item, or excludes it by a subset rule ({@code null} item
 * plus reason via {@link LoadEvent.Excluded}). Throws {@link MalformedRecordException} for bad records.
 */
interface RecordConverter {
  LoadEvent convert(JsonNode record, String location);
}
