/**
 * `komek.js`: what an embedding site loads with one `<script type="module">`. It defines `<komek-form>`; the forms'
 * schemas, validators and messages load on demand from the chunks beside it.
 */
export * from '@komek/elements';
