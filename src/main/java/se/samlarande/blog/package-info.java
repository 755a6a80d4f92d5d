/**
 * The visit blog: posts and comments by staff, guests and the process itself, sanitised on the way in, images as
 * attachments, moderation (hidden, never deleted) and views counted per visit. Plain Spring; knows no Camunda.
 */
package se.samlarande.blog;
