package io.scribehook.hub.appointments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL of {@code hub_appointments}; every method runs on the caller's handle (and transaction). */
public final class Appointments {
    private static final String COLUMNS = "id, date, user_id, user_first_name, user_last_name, user_email, "
            + "other_party_id, other_party_first_name, other_party_last_name, other_party_email, zoom_meeting_id, "
            + "is_group, will_be_scribed, organization_id, created_at, updated_at, deleted_at";

    /** The columns an insert writes (all but id and deleted_at), and their named parameters. */
    private static final String INSERT_COLUMNS = "date, user_id, user_first_name, user_last_name, user_email, "
            + "other_party_id, other_party_first_name, other_party_last_name, other_party_email, zoom_meeting_id, "
            + "is_group, will_be_scribed, organization_id, created_at, updated_at";

    private static final String INSERT_VALUES = ":" + INSERT_COLUMNS.replace(", ", ", :");

    private Appointments() {}

    /** Inserts a new appointment and returns it. */
    public static Appointment insert(Handle h, Appointment a) {
        long id = bindAll(
                        h.createQuery("INSERT INTO hub_appointments (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES
                                + ") RETURNING id"),
                        a)
                .mapTo(Long.class)
                .one();
        return find(h, id).orElseThrow();
    }

    /**
     * Inserts {@code a} with its own id (a fixture asked for by id); on PostgreSQL the caller moves
     * the id sequence past it.
     */
    public static Appointment insertWithId(Handle h, Appointment a) {
        bindAll(
                        h.createUpdate("INSERT INTO hub_appointments (id, " + INSERT_COLUMNS + ") VALUES (:id, "
                                + INSERT_VALUES + ")"),
                        a)
                .bind("id", a.id())
                .execute();
        return find(h, a.id()).orElseThrow();
    }

    /** Writes every field of {@code a} over its row. */
    public static void update(Handle h, Appointment a) {
        bindAll(
                        h.createUpdate("UPDATE hub_appointments SET date = :date, user_id = :user_id, "
                                + "user_first_name = :user_first_name, user_last_name = :user_last_name, "
                                + "user_email = :user_email, other_party_id = :other_party_id, "
                                + "other_party_first_name = :other_party_first_name, "
                                + "other_party_last_name = :other_party_last_name, other_party_email = :other_party_email, "
                                + "zoom_meeting_id = :zoom_meeting_id, is_group = :is_group, "
                                + "will_be_scribed = :will_be_scribed, organization_id = :organization_id, "
                                + "updated_at = :updated_at WHERE id = :id"),
                        a)
                .bind("id", a.id())
                .execute();
    }

    /** Marks it deleted; false when it was not there or already deleted. */
    public static boolean markDeleted(Handle h, long id, Instant now) {
        return h.createUpdate("UPDATE hub_appointments SET deleted_at = :t, updated_at = :t "
                                + "WHERE id = :id AND deleted_at IS NULL")
                        .bind("t", now.toEpochMilli())
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** The appointment, unless deleted. */
    public static Optional<Appointment> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM hub_appointments WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /** The newest appointment (not deleted) of a Zoom meeting. */
    public static Optional<Appointment> findByZoomMeeting(Handle h, String meetingId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM hub_appointments WHERE zoom_meeting_id = :m "
                        + "AND deleted_at IS NULL ORDER BY id DESC LIMIT 1")
                .bind("m", meetingId)
                .map((rs, ctx) -> read(rs))
                .findFirst();
    }

    /** Appointments (not deleted) with {@code from <= date < to} (either bound may be null), by date then id. */
    public static List<Appointment> list(Handle h, Instant from, Instant to, int offset, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM hub_appointments WHERE deleted_at IS NULL "
                        + "AND date >= :from AND date < :to ORDER BY date, id LIMIT :limit OFFSET :offset")
                .bind("from", from == null ? Long.MIN_VALUE : from.toEpochMilli())
                .bind("to", to == null ? Long.MAX_VALUE : to.toEpochMilli())
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    private static <S extends SqlStatement<S>> S bindAll(S s, Appointment a) {
        Person u = a.user() == null ? new Person(null, null, null, null) : a.user();
        Person o = a.otherParty() == null ? new Person(null, null, null, null) : a.otherParty();
        return s.bind("date", a.date().toEpochMilli())
                .bind("user_id", u.id())
                .bind("user_first_name", u.firstName())
                .bind("user_last_name", u.lastName())
                .bind("user_email", u.email())
                .bind("other_party_id", o.id())
                .bind("other_party_first_name", o.firstName())
                .bind("other_party_last_name", o.lastName())
                .bind("other_party_email", o.email())
                .bind("zoom_meeting_id", a.zoomMeetingId())
                .bind("is_group", a.isGroup())
                .bind("will_be_scribed", a.willBeScribed())
                .bind("organization_id", a.organizationId())
                .bind("created_at", a.createdAt().toEpochMilli())
                .bind("updated_at", a.updatedAt().toEpochMilli());
    }

    private static Appointment read(ResultSet rs) throws SQLException {
        return new Appointment(
                rs.getLong("id"),
                Instant.ofEpochMilli(rs.getLong("date")),
                person(rs, "user"),
                person(rs, "other_party"),
                rs.getString("zoom_meeting_id"),
                rs.getBoolean("is_group"),
                rs.getBoolean("will_be_scribed"),
                rs.getString("organization_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                SqlTimes.instant(rs, "deleted_at"));
    }

    private static Person person(ResultSet rs, String prefix) throws SQLException {
        Person p = new Person(
                rs.getString(prefix + "_id"),
                rs.getString(prefix + "_first_name"),
                rs.getString(prefix + "_last_name"),
                rs.getString(prefix + "_email"));
        return p.isEmpty() ? null : p;
    }
}
