package io.scribehook.receiver.healthie;

/**
 * The GraphQL documents the client sends, in the real API's snake_case. Mutations take one
 * {@code $input} variable of the API's input type ({@code createWebhookInput}, ...).
 */
final class HealthieQueries {

    private HealthieQueries() {}

    static final String WEBHOOK_FIELDS = "id url is_enabled should_retry signature_secret warned_at "
            + "webhook_events { id event_type retry_count first_failed_at last_failed_at }";

    static final String APPOINTMENT = """
            query appointment($id: ID!) {
              appointment(id: $id) {
                id date is_group zoom_meeting_id will_be_scribed
                other_party { id first_name last_name email }
                user { id first_name last_name email }
                zoom_cloud_recording_files { id download_url file_size file_type meeting_id \
            recording_start recording_end recording_type status }
              }
            }""";

    static final String TRANSCRIPTS = """
            query appointmentTranscripts($id: ID!) {
              appointment(id: $id) {
                id
                transcripts { id expiring_url status transcript_start transcript_end transcript_type }
              }
            }""";

    /** Only the completed transcripts, each with a fresh {@code expiring_url}. */
    static final String COMPLETED_TRANSCRIPTS = """
            query appointmentCompletedTranscripts($id: ID!) {
              appointment(id: $id) {
                id
                transcripts(status: "completed") { id expiring_url status transcript_start transcript_end transcript_type }
              }
            }""";

    static final String CREATE_WEBHOOK = """
            mutation createWebhook($input: createWebhookInput!) {
              createWebhook(input: $input) {
                messages { field message }
                webhook { %s }
              }
            }""".formatted(WEBHOOK_FIELDS);

    static final String UPDATE_WEBHOOK = """
            mutation updateWebhook($input: updateWebhookInput!) {
              updateWebhook(input: $input) {
                messages { field message }
                webhook { %s }
              }
            }""".formatted(WEBHOOK_FIELDS);

    static final String DELETE_WEBHOOK = """
            mutation deleteWebhook($input: deleteWebhookInput!) {
              deleteWebhook(input: $input) {
                messages { field message }
                webhook { id }
              }
            }""";

    static final String EXPIRE_WEBHOOK_SIGNATURE = """
            mutation expireWebhookSignature($input: expireWebhookSignatureInput!) {
              expireWebhookSignature(input: $input) {
                messages { field message }
                webhook { %s }
              }
            }""".formatted(WEBHOOK_FIELDS);

    static final String SEND_TEST_WEBHOOK = """
            mutation sendTestWebhook($input: sendTestWebhookInput!) {
              sendTestWebhook(input: $input) {
                messages { field message }
                sent
              }
            }""";

    static final String LIST_WEBHOOKS = """
            query webhooks($first: Int, $after: String) {
              webhooks(first: $first, after: $after) {
                nodes { %s }
                page_info { has_next_page end_cursor }
                total_count
              }
            }""".formatted(WEBHOOK_FIELDS);

    /**
     * The sender's delivery log, newest first: attempts in [sent_after, sent_before) for one
     * resource type, at most {@code first}.
     */
    static final String SENT_WEBHOOKS = """
            query sentWebhooks($sent_after: String, $sent_before: String, $resource_type: String, $first: Int) {
              sentWebhooks(sent_after: $sent_after, sent_before: $sent_before, resource_type: $resource_type, \
            first: $first) {
                id webhook_id event_type resource_id resource_id_type http_response_status created_at
              }
            }""";

    /** One page of appointments dated in [startDate, endDate], with their completed transcripts. */
    static final String APPOINTMENTS = """
            query appointments($startDate: String, $endDate: String, $offset: Int) {
              appointments(startDate: $startDate, endDate: $endDate, offset: $offset) {
                id date
                transcripts(status: "completed") { id status transcript_type transcript_start transcript_end }
              }
            }""";
}
