#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/* Enqueues a copy of key and value on `rkt`; the configured partitioner picks the partition.
 * Returns the error instead of librdkafka's -1 + thread-local last error, so that Swift
 * reads it on the same thread without relying on errno-style state. */
static inline rd_kafka_resp_err_t fte_kafka_produce_copy(rd_kafka_topic_t *rkt, const void *key, size_t key_len,
                                                         const void *value, size_t value_len, void *msg_opaque) {
    if (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, (void *)value, value_len, key, key_len,
                         msg_opaque) == -1)
        return rd_kafka_last_error();
    return RD_KAFKA_RESP_ERR_NO_ERROR;
}
