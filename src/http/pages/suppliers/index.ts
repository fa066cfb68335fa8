import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import {
  findSupplier,
  listSuppliers,
  SUPPLIER_CONTRACTS_PER_PAGE,
  SUPPLIER_SORTS,
  SUPPLIERS_PER_PAGE,
} from '../../../domain/suppliers/index.ts';
import { StringEnum } from '../../api/schema.ts';
import { paginationView, urlWith } from '../pagination.ts';

const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(StringEnum(SUPPLIER_SORTS)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

const SupplierQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });

/**
 * `GET /fournisseurs` (the directory, 20 per page, filter by name or SIREN, sort by name or number of
 * contracts) and `GET /fournisseurs/:siren` (a supplier's card and its public contracts).
 */
const supplierPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/fournisseurs', { schema: { querystring: DirectoryQuery } }, async (request, reply) => {
    const { q, sort, page } = request.query;
    const result = await listSuppliers(app.store.db, { q, sort, page, perPage: SUPPLIERS_PER_PAGE });
    const query = q?.trim() ?? '';
    const hrefFor = (p: number) =>
      urlWith('/fournisseurs', { q: query, sort: result.sort, page: p }, { page: 1, sort: 'name' });
    return reply.view('suppliers/list.njk', {
      nav: 'suppliers',
      q: query,
      result,
      pastTheEnd: result.total > 0 && result.results.length === 0,
      firstPageHref: hrefFor(1),
      pagination: paginationView(result.page, result.pageCount, hrefFor),
      sortOptions: [
        { value: 'name', text: 'Nom (A à Z)', selected: result.sort === 'name' },
        { value: 'contracts', text: 'Nombre de marchés', selected: result.sort === 'contracts' },
      ],
    });
  });

  app.get(
    '/fournisseurs/:siren',
    { schema: { params: Type.Object({ siren: Type.String() }), querystring: SupplierQuery } },
    async (request, reply) => {
      const { supplier, contracts } = await findSupplier(app.store.db, request.params.siren, {
        page: request.query.page,
        perPage: SUPPLIER_CONTRACTS_PER_PAGE,
      });
      const pageCount = Math.max(1, Math.ceil(contracts.total / contracts.perPage));
      return reply.view('suppliers/show.njk', {
        nav: 'suppliers',
        supplier,
        contracts,
        pagination: paginationView(contracts.page, pageCount, (p) =>
          urlWith(`/fournisseurs/${supplier.siren}`, { page: p }, { page: 1 }),
        ),
      });
    },
  );
};

export default supplierPages;
