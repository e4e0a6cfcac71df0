-- A recliner out of service (broken, being repaired, moved out of the bay) takes no new session and leaves the board;
-- it keeps its sessions' history and comes back into service as it was. Null: in service.
alter table recliner add column out_of_service_since timestamp(6) with time zone;
alter table recliner add column out_of_service_by varchar(64);
alter table recliner add column out_of_service_reason varchar(200);
